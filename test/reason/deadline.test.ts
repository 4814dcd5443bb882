/**
 * Issue 16: a proof ends within its `--timeout`, even under load. The work stops a little before
 * the limit (the reserve) so that stopping, writing the UNKNOWN answer and shutting the solver down
 * fit inside it, and the long stages read the clock often enough that no step runs far past it.
 */
import { describe, expect, it } from 'vitest';
import { stringPattern } from '../../src/policy/conditions/strings.js';
import { Deadline, DeadlineExceeded, reserveMs } from '../../src/reason/deadline.js';
import { stringWitnesses } from '../../src/reason/witness.js';

describe('the time limit keeps a reserve for ending the check', () => {
  it('the work stops 10% before the limit, at most a second before', () => {
    expect(new Deadline(10_000, 1000).at).toBe(1000 + 9000);
    expect(new Deadline(60_000, 0).at).toBe(59_000);
    expect(new Deadline(1000, 0).at).toBe(900);
    expect(reserveMs(1)).toBeCloseTo(0.1);
  });

  it('counts from when the command began, not from when the deadline object was made', () => {
    const started = performance.now() - 20_000;
    const d = new Deadline(10_000, started);
    expect(() => d.check('reading p.json')).toThrow(DeadlineExceeded);
    expect(() => d.check('reading p.json')).toThrow(
      'the time limit of 10,000 ms ran out while reading p.json',
    );
  });
});

/** A deadline that has passed, recording the stage of every clock reading. */
class Passed extends Deadline {
  stages: string[] = [];
  constructor() {
    super(1, 0);
  }
  override check(stage: string): void {
    this.stages.push(stage);
    super.check(stage);
  }
}

describe('the string walk reads the clock before its first step', () => {
  // Thousands of patterns take a second or more to prepare under load (automata, start state):
  // a deadline that passed during that time must stop it there, not after the first step.
  const patterns = Array.from(
    { length: 2000 },
    (_, n) => stringPattern(`arn:aws:s3:::bucket-${n}/data/*-archive`, 'arn', { variables: false })!,
  );

  it('stops while preparing the patterns', () => {
    const d = new Passed();
    expect(() => stringWitnesses(patterns, [], undefined, undefined, d)).toThrow(DeadlineExceeded);
    expect(d.stages).toEqual(['preparing the string patterns']);
  });
});
