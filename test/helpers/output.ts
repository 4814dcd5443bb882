/** Captures what the CLI writes to stdout and stderr during each test of the calling file. */
import { afterEach, beforeEach, vi } from 'vitest';

export interface CapturedOutput {
  /** Everything written to stdout during the current test (a test may reset it). */
  out: string;
  /** Everything written to stderr during the current test. */
  err: string;
}

export function captureOutput(): CapturedOutput {
  const captured = { out: '', err: '' };
  beforeEach(() => {
    captured.out = '';
    captured.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      captured.out += String(s);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      captured.err += String(s);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return captured;
}
