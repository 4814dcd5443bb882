/**
 * One time limit for a whole check (issue 16: `--timeout` covers building the abstraction,
 * encoding, solving and replay, not only the solver). Synchronous stages call `check` in their
 * loops; the solver gets the time that remains and its worker is terminated at the deadline.
 */
export class DeadlineExceeded extends Error {
  constructor(
    readonly stage: string,
    readonly timeoutMs: number,
  ) {
    super(`the time limit of ${timeoutMs.toLocaleString('en-US')} ms ran out while ${stage}`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * The part of a time limit kept back for what follows the moment the work stops: the last step in
 * progress reaching its next clock reading, unwinding, writing the UNKNOWN answer and shutting the
 * solver down (tens of milliseconds on an idle machine; under a load average of 17 on 2 cores,
 * stretches of 300 ms without a clock reading and runs ending 830 ms late were measured with 500
 * ms kept back). 10% of the limit, at most a second: a 10 s check stops its work at 9 s.
 */
export function reserveMs(timeoutMs: number): number {
  return Math.min(1000, timeoutMs * 0.1);
}

export class Deadline {
  private atMs: number;
  private ticks = 0;

  /**
   * @param timeoutMs the limit for the whole check
   * @param startedAt when the check started (`performance.now()`; the CLI passes the moment it
   *   began parsing the arguments)
   */
  constructor(
    readonly timeoutMs: number,
    startedAt: number = performance.now(),
  ) {
    this.atMs = startedAt + timeoutMs - reserveMs(timeoutMs);
  }

  get at(): number {
    return this.atMs;
  }

  remaining(): number {
    return Math.max(0, this.atMs - performance.now());
  }

  /** Moves the deadline later by `ms` (time that is not the check's own, e.g. the solver's start-up). */
  excuse(ms: number): void {
    this.atMs += ms;
  }

  /** Throws DeadlineExceeded once the time is up. */
  check(stage: string): void {
    if (performance.now() >= this.atMs) throw new DeadlineExceeded(stage, this.timeoutMs);
  }

  /**
   * `check`, but reading the clock only every 32nd call (for tight loops). Under load one call of
   * the slower loops (a statement compiled, parsed) takes a millisecond: 32 of them stay well
   * inside the reserve.
   */
  tick(stage: string): void {
    if ((++this.ticks & 31) === 0) this.check(stage);
  }
}

/** A deadline that never passes (library calls without a limit, tests of the parts). */
export const NO_DEADLINE = new Deadline(Number.POSITIVE_INFINITY);
