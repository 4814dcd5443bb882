/**
 * Counterexamples are runnable scenarios: the request plus the resource account the replay used,
 * so the concrete evaluator (and `leastpriv simulate`) reproduces the claimed decisions.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/index.js';
import { parsePolicyStrict } from '../../src/policy/parse.js';
import { checkNoNewAccess, shutdownSolver } from '../../src/reason/index.js';

const load = (name: string) =>
  parsePolicyStrict(readFileSync(new URL(`../../examples/policies/${name}`, import.meta.url), 'utf8'));

afterAll(() => shutdownSolver());

describe('check-no-new-access counterexample', () => {
  it('puts the principal in the resource ARN account and replays as claimed', async () => {
    const next = load('ci-deployer-identity-v2.json');
    const prev = load('ci-deployer-identity-v1.json');
    const r = await checkNoNewAccess(next, prev, { policyType: 'IDENTITY_POLICY' });
    expect(r.result).toBe('FAIL');
    const cx = r.counterexample!;
    const resourceAccount = cx.request.resource.split(':')[4];
    expect(cx.resourceAccount).toBe(resourceAccount);
    expect(cx.request.principal).toContain(`::${resourceAccount}:`);
    const run = (doc: typeof next) =>
      evaluate({
        request: cx.request,
        resourceAccount: cx.resourceAccount,
        policies: { identity: [{ document: doc }] },
      }).decision;
    expect(run(next)).toBe('Allowed');
    expect(run(prev)).toBe('ImplicitDeny');
  }, 60_000);
});
