import { readFileSync } from 'node:fs';

/** Reads a file, or standard input for `-`. */
export function readText(path: string): string {
  return readFileSync(path === '-' ? 0 : path, 'utf8');
}

/** Writes the whole output at once, so a failure never leaves half a report behind. */
export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
