/**
 * Checks a generated policy two independent ways: the validator (IAM Access Analyzer's policy
 * checks: no ERROR or SECURITY_WARNING finding may remain) and the evaluator (every access a
 * successful logged call needed is replayed against the policy alone, as an identity policy of
 * the caller's account: each must be Allowed).
 */
import { compilePolicySet, evaluateRequest } from '../evaluate/index.js';
import type { GenerateResult, Verification } from '../generate/index.js';

export type { Verification } from '../generate/index.js';

import { parsePolicyValue } from '../policy/parse.js';
import { validatePolicy } from '../validate/index.js';

/** A principal to replay as: the caller's ARN, or an IAM user of the account when the log had none. */
function principalOf(p: string | null, account: string | null): string {
  return p ?? `arn:aws:iam::${account ?? '111122223333'}:user/unknown`;
}

/**
 * KMS key policies and role trust policies must allow even within one account. The replay gives
 * them the shape of AWS's default key policy, which delegates to IAM policies by allowing the
 * account root, so that the identity policy alone decides.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 */
function delegatingPolicy(account: string) {
  return parsePolicyValue({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: '*', Resource: '*' },
    ],
  });
}

function arnAccount(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

export function verifyGenerated(result: GenerateResult): Verification {
  const document = parsePolicyValue(result.policy);
  const findings = validatePolicy(document, [], { policyType: 'IDENTITY_POLICY' });
  const blocking = findings.filter((f) => f.findingType === 'ERROR' || f.findingType === 'SECURITY_WARNING');
  const identity = [{ name: 'generated', document }];
  const plain = compilePolicySet({ identity });
  const delegating = new Map<string, ReturnType<typeof compilePolicySet>>();
  const failures: Verification['failures'] = [];
  let allowed = 0;
  for (const n of result.needed) {
    const account = n.account ?? undefined;
    const resourceAccount = arnAccount(n.resource) ?? account;
    let compiled = plain;
    if (/^(kms|sts):/.test(n.action) && account) {
      compiled =
        delegating.get(account) ??
        compilePolicySet({ identity, resource: { name: 'resource', document: delegatingPolicy(account) } });
      delegating.set(account, compiled);
    }
    const r = evaluateRequest(
      compiled,
      {
        principal: principalOf(n.principal, n.account),
        action: n.action,
        resource: n.resource,
        context: n.context,
      },
      { principalAccount: account, resourceAccount },
    );
    if (r.decision === 'Allowed') allowed++;
    else failures.push({ action: n.action, resource: n.resource, call: n.call, decision: r.decision });
  }
  return {
    findings,
    blocking,
    replayed: result.needed.length,
    allowed,
    failures,
    ok: blocking.length === 0 && failures.length === 0,
  };
}
