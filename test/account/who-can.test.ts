/**
 * who-can and can on minimal snapshots: the role trust policy is the resource-based policy of
 * STS requests on the role, and the principal pre-filter never drops a principal the evaluator
 * allows (whatever the request context).
 */
import { describe, expect, it } from 'vitest';
import { can, whoCan } from '../../src/account/index.js';
import { A, allow, deny, doc, indexOf, OTHER, roleArn, trust, userArn } from './build.js';

const root = `arn:aws:iam::${A}:root`;
const who = (r: ReturnType<typeof whoCan>) => r.allowed.map((a) => a.principal).sort();

// "The IAM resource-based policy type is a role trust policy."
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
// "Role trust policies and KMS key policies are exceptions to this logic, because they must
// explicitly allow access for principals" (even within one account).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
describe('who-can sts:AssumeRole reads the role trust policy as the resource policy', () => {
  const spec = {
    users: [
      { name: 'named' },
      { name: 'granted', policies: [doc(allow('sts:AssumeRole', roleArn('target')))] },
      { name: 'other-role-only', policies: [doc(allow('sts:AssumeRole', roleArn('elsewhere')))] },
      { name: 'nothing' },
    ],
    roles: [
      {
        name: 'target',
        trust: doc(
          { Effect: 'Allow', Principal: { AWS: root }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { AWS: userArn('named') }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'sts:AssumeRole' },
        ),
      },
    ],
  };

  it('a trust naming the account needs the identity allow; a trust naming the user does not', () => {
    const r = whoCan(indexOf(spec), 'sts:AssumeRole', roleArn('target'));
    expect(who(r)).toEqual(
      [
        userArn('granted'),
        userArn('named'),
        root,
        'lambda.amazonaws.com',
        `arn:aws:iam::${OTHER}:root`,
      ].sort(),
    );
    const named = r.allowed.find((a) => a.principal === userArn('named'))!;
    // Allowed by the trust statement naming it (the one naming the account applies too), no identity statement.
    expect(named.statements.map((s) => s.policyType)).not.toContain('identity');
    expect(named.statements.map((s) => s.statement)).toContain('1');
    const granted = r.allowed.find((a) => a.principal === userArn('granted'))!;
    expect(granted.statements.map((s) => s.policyType).sort()).toEqual(['identity', 'resource']);
    expect(r.allowed.find((a) => a.principal === `arn:aws:iam::${OTHER}:root`)?.kind).toBe('account');
    // The trust policy is known, so no "resource-policies.json is missing" for it.
    expect(r.unknown.join('\n')).not.toMatch(/resource-policies/);
  });

  it('can: the same decision, explained with the trust statement', () => {
    const ix = indexOf(spec);
    expect(can(ix, userArn('named'), 'sts:AssumeRole', roleArn('target'))!.result.decision).toBe('Allowed');
    expect(can(ix, userArn('nothing'), 'sts:AssumeRole', roleArn('target'))!.result.decision).toBe(
      'ImplicitDeny',
    );
    const r = can(ix, userArn('granted'), 'sts:AssumeRole', roleArn('target'))!;
    expect(r.result.decision).toBe('Allowed');
    expect(r.statements.some((s) => s.policy === `${roleArn('target')} trust policy`)).toBe(true);
  });

  it('a trust that does not name the start, or denies it, keeps it out', () => {
    const r = whoCan(
      indexOf({
        users: [
          { name: 'a', policies: [doc(allow('sts:AssumeRole'))] },
          { name: 'b', policies: [doc(allow('sts:AssumeRole'))] },
        ],
        roles: [
          {
            name: 'target',
            trust: doc(
              { Effect: 'Allow', Principal: { AWS: userArn('a') }, Action: 'sts:AssumeRole' },
              { Effect: 'Allow', Principal: { AWS: userArn('b') }, Action: 'sts:AssumeRole' },
              { Effect: 'Deny', Principal: { AWS: userArn('b') }, Action: 'sts:AssumeRole' },
            ),
          },
        ],
      }),
      'sts:AssumeRole',
      roleArn('target'),
    );
    expect(who(r)).toEqual([userArn('a')]);
  });

  it('without a trust statement for it, a service or an identity allow is not enough', () => {
    const r = whoCan(
      indexOf({
        users: [{ name: 'a', policies: [doc(allow('sts:AssumeRole'))] }],
        roles: [{ name: 'target', trust: trust({ Service: 'ec2.amazonaws.com' }) }],
      }),
      'sts:AssumeRole',
      roleArn('target'),
    );
    expect(who(r)).toEqual(['ec2.amazonaws.com']);
  });

  it('iam actions on the role are not governed by the trust policy', () => {
    const r = whoCan(
      indexOf({
        users: [{ name: 'a', policies: [doc(allow('iam:PutRolePolicy', roleArn('target')))] }, { name: 'b' }],
        roles: [{ name: 'target', trust: trust({ AWS: userArn('b') }) }],
      }),
      'iam:PutRolePolicy',
      roleArn('target'),
    );
    expect(who(r)).toEqual([userArn('a'), root].sort());
  });
});

describe('who-can: the pre-filter keeps every principal the evaluator allows', () => {
  it('an action that needs no permission (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html)', () => {
    const r = whoCan(
      indexOf({ users: [{ name: 'a' }, { name: 'b', policies: [doc(deny('sts:GetCallerIdentity'))] }] }),
      'sts:GetCallerIdentity',
      '*',
    );
    expect(who(r)).toEqual([userArn('a'), userArn('b'), root].sort());
  });

  it('--context that makes a condition or a policy variable match (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)', () => {
    const spec = {
      users: [
        {
          name: 'mfa',
          policies: [
            doc(
              allow('s3:GetObject', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
            ),
          ],
        },
        {
          name: 'tagged',
          policies: [doc(allow('s3:GetObject', `arn:aws:s3:::data/\${aws:PrincipalTag/team}/*`))],
        },
      ],
    };
    const ix = indexOf(spec);
    const object = 'arn:aws:s3:::data/blue/x.csv';
    expect(who(whoCan(ix, 's3:GetObject', object, { resourceAccount: A }))).toEqual([root]);
    expect(
      who(
        whoCan(ix, 's3:GetObject', object, {
          resourceAccount: A,
          context: { 'aws:MultiFactorAuthPresent': 'true', 'aws:PrincipalTag/team': 'blue' },
        }),
      ),
    ).toEqual([userArn('mfa'), userArn('tagged'), root].sort());
  });
});
