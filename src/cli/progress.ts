/**
 * A progress line on stderr for long runs: shown only on a terminal (a CI log or a pipe gets
 * nothing), only once the run has taken `delayMs`, rewritten in place at most every
 * `intervalMs`, and erased when the run ends so that the report is all that stays.
 * The work is synchronous, so the line is updated from the work's own steps, not from a timer.
 * It is the one progress line of every command (validate, cfn, account escalation, trail ingest);
 * `writeOut`/`writeErr` (io.ts) erase a line that is showing before they write, so no message is
 * ever written behind it.
 */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** Shows `message` if the run is long enough (or `force`, for a step known to be long). */
  update(message: string, force?: boolean): void;
  /** Erases the line, if one was shown. */
  done(): void;
}

/** The line now showing, if any. */
let showing: Progress | undefined;

/** Erases the progress line now showing, if any (before other output is written). */
export function eraseProgress(): void {
  showing?.done();
}

export function createProgress(
  stream: ProgressStream = process.stderr,
  options: { delayMs?: number; intervalMs?: number; now?: () => number } = {},
): Progress {
  const now = options.now ?? (() => performance.now());
  const delay = options.delayMs ?? 2000;
  const interval = options.intervalMs ?? 200;
  const start = now();
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  const progress: Progress = {
    update(message, force = false) {
      if (stream.isTTY !== true) return;
      const t = now();
      if (!force && (t - start < delay || t - last < interval)) return;
      last = t;
      if (showing !== progress) showing?.done();
      shown = true;
      showing = progress;
      // \r and "erase to end of line" (ECMA-48 EL): the line is rewritten in place.
      stream.write(`\r\u001b[Kleastpriv: ${message}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
      if (showing === progress) showing = undefined;
    },
  };
  return progress;
}
