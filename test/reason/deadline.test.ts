/**
 * Issue 16: a proof ends within its `--timeout`, even under load. The work stops a little before
 * the limit (the reserve) so that stopping, writing the UNKNOWN answer and shutting the solver down
 * fit inside it, and the long stages read the clock often enough that no step runs far past it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { stringPattern } from '../../src/policy/conditions/strings.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { Deadline, DeadlineExceeded, reserveMs } from '../../src/reason/deadline.js';
import { checkNoNewAccess } from '../../src/reason/index.js';
import { shutdownSolver } from '../../src/reason/solver.js';
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

/** A deadline that runs out exactly at one stage (its clock reading there), and nowhere else. */
class RunsOutAt extends Deadline {
  seen = new Set<string>();
  constructor(readonly stage: string) {
    super(60_000);
  }
  override check(stage: string): void {
    this.seen.add(stage);
    if (stage === this.stage) throw new DeadlineExceeded(stage, this.timeoutMs);
  }
}

describe('every stage of a proof reads the clock and ends UNKNOWN past it (issue 16)', () => {
  afterAll(() => shutdownSolver());
  const doc = (actions: string[]) =>
    parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: 'arn:aws:s3:::b/*' }],
      }),
    ).policy!;
  // The new policy grants s3:PutObject, the existing one does not: a counterexample exists, so
  // the check goes through every stage, replay included.
  const newer = doc(['s3:GetObject', 's3:PutObject']);
  const older = doc(['s3:GetObject']);

  for (const stage of ['compiling the policies', 'encoding the query', 'replaying the counterexample']) {
    it(stage, async () => {
      const deadline = new RunsOutAt(stage);
      const r = await checkNoNewAccess(newer, older, { policyType: 'IDENTITY_POLICY', deadline });
      expect(deadline.seen.has(stage)).toBe(true);
      expect(r.result).toBe('UNKNOWN');
      expect(r.unknown?.reason).toBe(`the time limit of 60,000 ms ran out while ${stage}`);
    }, 60_000);
  }

  it('the same check without a limit reached is a FAIL (the stages above were all on its way)', async () => {
    const r = await checkNoNewAccess(newer, older, { policyType: 'IDENTITY_POLICY', timeoutMs: 60_000 });
    expect(r.result).toBe('FAIL');
  }, 60_000);
});
