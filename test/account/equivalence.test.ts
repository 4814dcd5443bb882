/**
 * The optimised escalation search (breadth-first over principal positions, paths and statements
 * built on demand) against EscalationOptions.reference (string-keyed search, statements collected
 * for every edge): same JSON output on generated snapshots with boundaries, SCP denies, PassRole,
 * group membership, credentials, policy versions and multi-step chains, by default and with
 * allReaches. The corpus is checked to contain each of those shapes, so the comparison is not
 * over trivial answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escalation } from '../../src/account/escalation.js';
import { indexOf, type Spec } from './build.js';
import { specArb } from './generate.js';

/** Shapes the corpus must contain (counted over every run, checked at the end). */
const seen = {
  snapshots: 0,
  escalating: 0,
  multiStep: 0,
  modify: 0,
  passRole: 0,
  group: 0,
  credential: 0,
  witness: 0,
  unknown: 0,
  boundary: 0,
  scp: 0,
};

function compare(spec: Spec): void {
  const index = indexOf(spec);
  seen.snapshots++;
  if (spec.scps) seen.scp++;
  if ([...(spec.users ?? []), ...(spec.roles ?? [])].some((p) => p.boundary)) seen.boundary++;
  for (const allReaches of [false, true]) {
    const fast = escalation(index, { allReaches });
    const reference = escalation(index, { allReaches, reference: true });
    // Byte-for-byte: member order, path order, statements and preconditions.
    expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
    if (!allReaches) continue;
    for (const p of fast.principals) {
      if (p.canEscalate) seen.escalating++;
      if (p.unknown.length) seen.unknown++;
      for (const r of p.reaches) {
        if (r.path.length >= 3) seen.multiStep++;
        if (r.witness) seen.witness++;
        for (const s of r.path) {
          if (s.kind === 'modify') seen.modify++;
          if (s.kind === 'new-passrole') seen.passRole++;
          if (s.kind === 'group') seen.group++;
          if (s.kind === 'credential') seen.credential++;
        }
      }
    }
  }
}

describe('escalation: the optimised search gives the reference search output', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`generated snapshots, seed ${seed}`, () => {
      fc.assert(
        fc.property(specArb, (spec) => {
          compare(spec);
        }),
        { seed, numRuns: 40 },
      );
    });
  }

  it('the corpus holds every shape the search handles (the comparison is not over empty answers)', () => {
    expect(seen.snapshots).toBe(200);
    for (const [shape, count] of Object.entries(seen)) expect(count, shape).toBeGreaterThan(0);
  });
});
