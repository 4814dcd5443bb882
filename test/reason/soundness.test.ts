/**
 * The soundness harness in CI (issue 9, item 4): with a fixed seed and a time budget, every PASS
 * of every check is contradicted by no generated request in the evaluator and every FAIL's
 * counterexample replays; once in this process's zone and once in a child under TZ=Asia/Kolkata.
 * Policies follow the pages cited in test/reason/soundness/harness.ts; long runs: bench/reason-soundness.ts.
 * Specification: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSolver, warmUp } from '../../src/reason/index.js';
import { runSoundness } from './soundness/harness.js';
import { runSetSoundness } from './soundness/sets.js';

afterAll(() => shutdownSolver());

describe('soundness harness (fixed seed, time budget)', () => {
  it('no PASS contradicted, every FAIL replays', async () => {
    await warmUp();
    const r = await runSoundness({
      seed: 20261204,
      budgetMs: 10_000,
      minQueries: 40,
      maxQueries: 400,
      requestsPerQuery: 60,
    });
    expect(r.disagreements).toEqual([]);
    // The run really exercised both answers.
    expect(r.answers.PASS).toBeGreaterThan(5);
    expect(r.answers.FAIL).toBeGreaterThan(5);
    expect(r.cases).toBeGreaterThan(500);
  }, 120_000);

  it('policy sets (identity, boundary, session, SCP and RCP levels, resource policy): no PASS contradicted, every FAIL replays', async () => {
    await warmUp();
    const r = await runSetSoundness({
      seed: 20261205,
      budgetMs: 4_000,
      minQueries: 12,
      maxQueries: 200,
      requestsPerQuery: 60,
    });
    expect(r.disagreements).toEqual([]);
    expect(r.answers.PASS).toBeGreaterThan(2);
    expect(r.answers.FAIL).toBeGreaterThan(2);
    expect(r.cases).toBeGreaterThan(200);
    // analyze over sets ran and reported findings against the evaluator too.
    expect(r.byCheck?.['sets/analyze']?.queries ?? 0).toBeGreaterThan(0);
    expect(r.byCheck?.['sets/analyze']?.cases ?? 0).toBeGreaterThan(20);
  }, 120_000);

  it('the same under TZ=Asia/Kolkata (a child process started in that zone)', () => {
    const bench = fileURLToPath(new URL('../../bench/reason-soundness.ts', import.meta.url));
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        bench,
        '--cases',
        '1500',
        '--requests',
        '60',
        '--seed',
        '77',
        '--minutes',
        '0.2',
        '--min-queries',
        '12',
      ],
      { env: { ...process.env, TZ: 'Asia/Kolkata' }, encoding: 'utf8', timeout: 280_000 },
    );
    const r = JSON.parse(out.slice(0, out.indexOf('\n}') + 2));
    expect(r.tz).toBe('Asia/Kolkata');
    expect(r.offsetMinutes).toBe(-330);
    expect(r.disagreements).toBe(0);
    expect(r.cases).toBeGreaterThan(100);
  }, 300_000);
});
