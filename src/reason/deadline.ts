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

export class Deadline {
  private atMs: number;
  private ticks = 0;

  constructor(readonly timeoutMs: number) {
    this.atMs = performance.now() + timeoutMs;
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

  /** `check`, but reading the clock only every 256th call (for tight loops). */
  tick(stage: string): void {
    if ((++this.ticks & 255) === 0) this.check(stage);
  }
}

/** A deadline that never passes (library calls without a limit, tests of the parts). */
export const NO_DEADLINE = new Deadline(Number.POSITIVE_INFINITY);
