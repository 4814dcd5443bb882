import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';

let stdinConsumed = false;

/** Forgets that standard input was read (each CLI run starts afresh). */
export function resetStdin(): void {
  stdinConsumed = false;
}

/** Reads a file, or standard input for `-` (once per run: a second `-` would read nothing). */
export function readText(path: string): string {
  if (path === '-') {
    if (stdinConsumed) {
      throw new InputError('"-" (standard input) is given twice: only one input can come from stdin');
    }
    stdinConsumed = true;
  }
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    // Reading a directory fails with EISDIR but no path on the error: name the argument here.
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new InputError(`${path}: is a directory`);
    throw e;
  }
}

/** Writes the whole output at once, so a failure never leaves half a report behind. */
export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
