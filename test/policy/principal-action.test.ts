import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileActionList } from '../../src/policy/action.js';
import { parsePolicyValue } from '../../src/policy/parse.js';
import { compilePrincipalBlock, describePrincipal } from '../../src/policy/principal.js';

const ACTION_DOC = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html';
const PRINCIPAL_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html';

/** Naive reference: case-insensitive glob by recursion. */
function naive(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  const go = (i: number, j: number): boolean => {
    if (i === p.length) return j === v.length;
    if (p[i] === '*') return go(i + 1, j) || (j < v.length && go(i, j + 1));
    if (j === v.length) return false;
    return (p[i] === '?' || p[i] === v[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

describe(`action matching (${ACTION_DOC})`, () => {
  it('is case-insensitive in service prefix and name', () => {
    const m = compileActionList(['S3:GetObject', 'ec2:Describe*']);
    expect(m('s3:getobject')).toBe(true);
    expect(m('ec2:describeinstances')).toBe(true);
    expect(m('ec2:runinstances')).toBe(false);
  });

  it('supports ? for one character', () => {
    const m = compileActionList(['iam:?etRole']);
    expect(m('iam:getrole')).toBe(true);
    expect(m('iam:ggetrole')).toBe(false);
  });

  it('agrees with a naive matcher on random patterns and actions', () => {
    const alphabet = fc.constantFrom('s', '3', ':', 'G', 'e', 't', '*', '?', 'o');
    const text = fc.array(alphabet, { maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), text, (patterns, action) => {
        const lower = action.toLowerCase();
        const expected = patterns.some((p) => naive(p, action));
        // Request actions contain no wildcards; keep the property to literal actions.
        fc.pre(!action.includes('*') && !action.includes('?'));
        expect(compileActionList(patterns)(lower)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

const block = (principal: unknown) => {
  const doc = parsePolicyValue({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: '*' }],
  });
  return compilePrincipalBlock(doc.statements[0].principal!);
};

describe(`principal matching (${PRINCIPAL_DOC})`, () => {
  const user = describePrincipal('arn:aws:iam::111122223333:user/division/alice');
  const session = describePrincipal('arn:aws:sts::111122223333:assumed-role/Deploy/pipeline');
  const root = describePrincipal('arn:aws:iam::111122223333:root');
  const other = describePrincipal('arn:aws:iam::444455556666:user/alice');

  it('an account id and the account root ARN both mean every principal of the account', () => {
    for (const p of [block({ AWS: '111122223333' }), block({ AWS: 'arn:aws:iam::111122223333:root' })]) {
      expect(p(user)).toBe('account');
      expect(p(session)).toBe('account');
      expect(p(root)).toBe('account');
      expect(p(other)).toBeUndefined();
    }
  });

  it('a user ARN matches that user only, case-sensitively', () => {
    expect(block({ AWS: 'arn:aws:iam::111122223333:user/division/alice' })(user)).toBe('user');
    expect(block({ AWS: 'arn:aws:iam::111122223333:user/division/Alice' })(user)).toBeUndefined();
  });

  it('a role ARN matches every session of the role; a session ARN matches that session only', () => {
    expect(block({ AWS: 'arn:aws:iam::111122223333:role/Deploy' })(session)).toBe('role');
    expect(block({ AWS: 'arn:aws:sts::111122223333:assumed-role/Deploy/pipeline' })(session)).toBe('session');
    expect(block({ AWS: 'arn:aws:sts::111122223333:assumed-role/Deploy/other' })(session)).toBeUndefined();
  });

  it('"*" and {"AWS": "*"} match everyone, including anonymous requests', () => {
    const anon = describePrincipal('anonymous');
    expect(block('*')(anon)).toBe('wildcard');
    expect(block({ AWS: '*' })(anon)).toBe('wildcard');
  });

  it('wildcards inside a principal ARN are not expanded', () => {
    expect(block({ AWS: 'arn:aws:iam::111122223333:user/*' })(user)).toBeUndefined();
  });

  it('service principals match by name and never IAM identities', () => {
    const p = block({ Service: 'cloudtrail.amazonaws.com' });
    expect(p(describePrincipal('cloudtrail.amazonaws.com'))).toBe('service');
    expect(p(user)).toBeUndefined();
    expect(block({ AWS: '111122223333' })(describePrincipal('cloudtrail.amazonaws.com'))).toBeUndefined();
  });

  it('Federated entries match identity providers, including cognito-identity.amazonaws.com', () => {
    expect(
      block({ Federated: 'cognito-identity.amazonaws.com' })(
        describePrincipal('cognito-identity.amazonaws.com'),
      ),
    ).toBe('federated');
    expect(block({ Federated: 'accounts.google.com' })(describePrincipal('accounts.google.com'))).toBe(
      'federated',
    );
    const saml = 'arn:aws:iam::111122223333:saml-provider/Okta';
    expect(block({ Federated: saml })(describePrincipal(saml))).toBe('federated');
    expect(block({ Federated: saml })(user)).toBeUndefined();
  });

  it('reads the kinds of request principals', () => {
    expect(user).toMatchObject({ kind: 'user', account: '111122223333', name: 'alice', path: '/division/' });
    expect(session).toMatchObject({ kind: 'assumedRole', name: 'Deploy', sessionName: 'pipeline' });
    expect(describePrincipal('111122223333')).toMatchObject({ kind: 'root', account: '111122223333' });
    expect(describePrincipal('arn:aws:sts::111122223333:federated-user/bob')).toMatchObject({
      kind: 'federatedUser',
    });
    expect(
      describePrincipal(
        'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      ).serviceLinked,
    ).toBe(true);
  });
});
