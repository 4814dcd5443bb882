/**
 * A progress line on stderr for long runs: shown only on a terminal (a CI log or a pipe gets
 * nothing), only once the run has taken `delayMs`, rewritten in place at most every
 * `intervalMs`, and erased when the run ends so that the report is all that stays.
 * The work is synchronous, so the line is updated from the work's own steps, not from a timer.
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
  return {
    update(message, force = false) {
      if (stream.isTTY !== true) return;
      const t = now();
      if (!force && (t - start < delay || t - last < interval)) return;
      last = t;
      shown = true;
      // \r and "erase to end of line" (ECMA-48 EL): the line is rewritten in place.
      stream.write(`\r\u001b[Kleastpriv: ${message}`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}
