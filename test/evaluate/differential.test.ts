/**
 * Differential run against @cloud-copilot/iam-simulate over random scenarios (fast-check, fixed
 * seeds so a failure reproduces): every disagreement must belong to a documented departure of the
 * peer, each judged against the AWS documentation (leastpriv follows the page; the peer does not):
 *
 * 1. NotPrincipal chain — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 *    AWS validates "the account first, then the role, and then the assumed-role user"; an account
 *    ARN in NotPrincipal exempts the account, not every principal in it, and a user listed without
 *    its account is denied with the account. The peer exempts everyone of a listed account.
 *    Judged: ours is right (the page's Bob example).
 * 2. Unresolvable variable in NotResource — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
 *    An entry whose variable has no value "will not match any resource", so NotResource excludes
 *    nothing and a Deny applies. The peer treats the statement as not applying. Judged: ours.
 * 3. The root user — https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html and
 *    https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 *    The root user has complete access to its account's resources (no identity policy is attached
 *    to it), and boundaries (set on users and roles) and session policies do not apply to it. The
 *    peer requires an identity policy and applies the boundary. Judged: ours.
 * 4. Same-account resource-based grant naming the session (or "*") — https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 *    and the evaluation logic page's same-account table: when a resource-based policy names the
 *    session ARN, "the permissions from the resource-based policy are not limited by the session
 *    policy", nor by implicit denies in identity policies or boundaries. The peer still requires
 *    the session policy (or identity policy) to allow. Judged: ours. "*" is judged the same way
 *    (the Principal element page: "*" names every principal; leastpriv's earlier tests).
 * 5. Federated user without a session policy — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *    "If there is no session policy, the code checks whether the principal is a role session ...
 *    Otherwise, the request is implicitly denied" (GetFederationToken without a policy gives a
 *    session with no permissions). The peer allows on identity policies alone. Judged: ours.
 * 6. A user named in a role trust policy, with a permissions boundary — https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
 *    "If a permissions boundary is set for the user, then it must allow the sts:AssumeRole
 *    action"; the peer allows on the trust policy alone (a direct same-account grant). Judged:
 *    ours. The random scenarios hold no sts:AssumeRole; the case below compares it directly.
 * A disagreement may need several of these at once; its class then lists them joined by " + ".
 *
 * Found and fixed in leastpriv by this run: a resource-based statement listing both an account
 * and "*" was taken as a grant to the account (limited by boundaries) instead of a direct grant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A, type Comparison, classify, compare, DEPARTURES, ROOT_CLASS, scenarioArb } from './peer.js';

const KNOWN = new Set([...DEPARTURES.map((d) => d.name), ROOT_CLASS]);
const known = (k: string) => k.split(' + ').every((part) => KNOWN.has(part));

describe('differential: leastpriv and @cloud-copilot/iam-simulate on random scenarios', () => {
  for (const seed of [7, 11]) {
    it(`seed ${seed}: every disagreement is a documented peer departure`, async () => {
      const samples = fc.sample(scenarioArb, { numRuns: 400, seed });
      let compared = 0;
      let agreed = 0;
      const unexplained: Comparison[] = [];
      const classes = new Map<string, number>();
      for (const s of samples) {
        const c = await compare(s);
        if (!c) continue;
        compared++;
        if (c.ours === c.theirs) {
          agreed++;
          continue;
        }
        const k = await classify(c);
        if (k === undefined) unexplained.push(c);
        else classes.set(k, (classes.get(k) ?? 0) + 1);
      }
      expect(compared).toBeGreaterThan(300);
      expect(agreed / compared).toBeGreaterThan(0.9);
      for (const k of classes.keys()) expect(known(k)).toBe(true);
      expect(
        unexplained.map((u) => JSON.stringify({ ours: u.ours, theirs: u.theirs, ...u.scenario })),
      ).toEqual([]);
    }, 60_000);
  }
});

describe('differential: hand-made cases outside the random scenarios', () => {
  const role = `arn:aws:iam::${A}:role/Admin`;
  const alice = `arn:aws:iam::${A}:user/alice`;
  const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
  const trust = doc({ Effect: 'Allow', Principal: { AWS: alice }, Action: 'sts:AssumeRole' });
  const assume = (policies: Record<string, unknown>) => ({
    request: { principal: alice, action: 'sts:AssumeRole', resource: role, context: {} },
    resourceAccount: A,
    policies,
  });

  it('departure 6: the peer lets a user named in a trust policy past a boundary without sts:AssumeRole', async () => {
    const c = await compare(
      assume({
        resource: trust,
        permissionBoundary: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      }),
    );
    expect(c && [c.ours, c.theirs]).toEqual(['ImplicitDeny', 'Allowed']);
    // Without the boundary both allow: the disagreement is the boundary rule alone.
    const plain = await compare(assume({ resource: trust }));
    expect(plain && [plain.ours, plain.theirs]).toEqual(['Allowed', 'Allowed']);
  });

  it('both tools allow sts:GetCallerIdentity despite an explicit deny', async () => {
    const c = await compare({
      request: { principal: alice, action: 'sts:GetCallerIdentity', resource: '*', context: {} },
      resourceAccount: A,
      policies: { identity: [doc({ Effect: 'Deny', Action: 'sts:*', Resource: '*' })] },
    });
    expect(c && [c.ours, c.theirs]).toEqual(['Allowed', 'Allowed']);
  });
});
