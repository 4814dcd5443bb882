import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';
import { eraseProgress } from './progress.js';

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
    const text = decodeUtf8(readFileSync(path === '-' ? 0 : path), path === '-' ? '<stdin>' : path);
    // Editors on Windows often start UTF-8 files with a byte-order mark; it is not part of the JSON.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    // Reading a directory fails with EISDIR but no path on the error: name the argument here.
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new InputError(`${path}: is a directory`);
    throw e;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 strictly: JSON and YAML inputs must be UTF-8 (RFC 8259 section 8.1), and a
 * lenient decoder would turn a bad byte into U+FFFD and let a mangled policy through.
 */
export function decodeUtf8(bytes: Uint8Array | string, file: string): string {
  if (typeof bytes === 'string') return bytes;
  // Checking first and then decoding with Buffer is several times faster than the fatal
  // TextDecoder on large inputs; both keep a byte-order mark (the callers strip it).
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return UTF8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < bad; i = bytes.indexOf(0x0a, i + 1)) line++;
    // The column counts characters, as every other location does (the bytes before are valid).
    const column = UTF8.decode(bytes.subarray(lineStart, bad)).length + 1;
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0');
    throw new InputError(
      `${file}:${line}:${column}: invalid UTF-8: byte 0x${hex} (byte offset ${bad}) starts no valid character`,
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629 section 4). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** Writes the whole output at once, so a failure never leaves half a report behind. */
export function writeOut(text: string): void {
  eraseProgress();
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

/** One piece of a report written piece by piece (no newline added). */
export function writeOutRaw(text: string): void {
  eraseProgress();
  process.stdout.write(text);
}

/** Every message leastpriv itself writes to stderr starts with this (help text excepted). */
export const PREFIX = 'leastpriv: ';

/** Prefixes each line of a message, so that a multi-line error still reads as leastpriv's. */
export function prefixed(message: string): string {
  return message
    .split('\n')
    .map((l) => (l.startsWith(PREFIX) ? l : `${PREFIX}${l}`))
    .join('\n');
}

/** A non-fatal remark on stderr: `leastpriv: note: ...`. */
export function writeNote(text: string): void {
  writeErr(prefixed(`note: ${text}`));
}

export function writeErr(text: string): void {
  eraseProgress();
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
