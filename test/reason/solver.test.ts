/**
 * The Z3 worker reuses the solver of the base script it answered last (analyze asks several rounds
 * over one base): a round over the same base must see the base alone, never a previous round's
 * checks, and a different base in between must not leak into it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSolver, solveBatch } from '../../src/reason/solver.js';

afterAll(async () => {
  await shutdownSolver();
});

const BASE = '(declare-const x Int)\n(assert (and (>= x 0) (< x 3)))';

describe('solver reuse over one base script', () => {
  it('a second round over the same base does not keep the first round checks', async () => {
    const first = await solveBatch(BASE, ['(assert (= x 2))', '(assert (= x 5))'], 10000);
    expect(first.map((r) => r.status)).toEqual(['sat', 'unsat']);
    expect(first[0].model?.x).toBe('2');
    const second = await solveBatch(BASE, ['(assert (= x 1))', '(assert (not (= x 2)))'], 10000);
    expect(second.map((r) => r.status)).toEqual(['sat', 'sat']);
    expect(second[0].model?.x).toBe('1');
  });

  it('a different base in between is not mixed into the next round over the first base', async () => {
    const other = await solveBatch('(declare-const x Int)\n(assert (> x 10))', ['(assert (= x 1))'], 10000);
    expect(other[0].status).toBe('unsat');
    const again = await solveBatch(BASE, ['(assert (= x 1))', '(assert (> x 10))'], 10000);
    expect(again.map((r) => r.status)).toEqual(['sat', 'unsat']);
  });

  it('queries in flight at once over different bases each get their own answers', async () => {
    const OTHER = '(declare-const x Int)\n(assert (> x 10))';
    await solveBatch(BASE, ['(assert (= x 1))'], 10000);
    for (let i = 0; i < 3; i++) {
      const [a, b, c] = await Promise.all([
        solveBatch(BASE, ['(assert (= x 2))', '(assert (> x 10))'], 10000),
        solveBatch(OTHER, ['(assert (= x 11))', '(assert (= x 1))'], 10000),
        solveBatch(BASE, ['(assert (= x 0))'], 10000),
      ]);
      expect(a.map((r) => r.status)).toEqual(['sat', 'unsat']);
      expect(b.map((r) => r.status)).toEqual(['sat', 'unsat']);
      expect(c.map((r) => r.status)).toEqual(['sat']);
    }
  });

  it('after the worker is stopped the base is sent again', async () => {
    await shutdownSolver();
    const r = await solveBatch(BASE, ['(assert (= x 0))'], 10000);
    expect(r[0].status).toBe('sat');
  });
});
