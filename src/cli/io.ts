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
    const text = readFileSync(path === '-' ? 0 : path, 'utf8');
    // Editors on Windows often start UTF-8 files with a byte-order mark; it is not part of the JSON.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
