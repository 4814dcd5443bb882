/**
 * Which policies need the external-access analysis. Access Analyzer's zone of trust is the
 * account: access by principals of the account is not external, and findings name AWS,
 * Federated or CanonicalUser principals.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html
 */
import { describe, expect, it } from 'vitest';
import { mayGrantExternal } from '../../src/pipelines/cfn.js';
import { parsePolicyValue } from '../../src/policy/parse.js';

const ACCOUNT = '123456789012';
const policy = (...statements: object[]) =>
  parsePolicyValue({ Version: '2012-10-17', Statement: statements });
const allow = (Principal: unknown, extra: object = {}) => ({
  Effect: 'Allow',
  Principal,
  Action: 's3:GetObject',
  Resource: '*',
  ...extra,
});

describe('mayGrantExternal', () => {
  it('is false when every Allow names only services or principals of the account', () => {
    expect(mayGrantExternal(policy(allow({ Service: 'lambda.amazonaws.com' })), ACCOUNT)).toBe(false);
    expect(mayGrantExternal(policy(allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/app` })), ACCOUNT)).toBe(false);
    expect(
      mayGrantExternal(
        policy(allow({ AWS: ACCOUNT }), allow({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/r/s` })),
        ACCOUNT,
      ),
    ).toBe(false);
    expect(
      mayGrantExternal(policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), ACCOUNT),
    ).toBe(false);
  });
  it('is true for another account, a wildcard, NotPrincipal or a federated principal', () => {
    expect(mayGrantExternal(policy(allow({ AWS: '111122223333' })), ACCOUNT)).toBe(true);
    expect(mayGrantExternal(policy(allow({ AWS: 'arn:aws:iam::111122223333:root' })), ACCOUNT)).toBe(true);
    expect(
      mayGrantExternal(
        policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })),
        ACCOUNT,
      ),
    ).toBe(true);
    expect(mayGrantExternal(policy(allow({ AWS: '*' })), ACCOUNT)).toBe(true);
    expect(mayGrantExternal(policy(allow({ Federated: 'cognito-identity.amazonaws.com' })), ACCOUNT)).toBe(
      true,
    );
    const notPrincipal = {
      Effect: 'Allow',
      NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 's3:GetObject',
      Resource: '*',
    };
    expect(mayGrantExternal(policy(notPrincipal), ACCOUNT)).toBe(true);
  });
});
