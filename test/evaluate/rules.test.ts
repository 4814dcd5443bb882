// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is IAM policy variable syntax, not a JS template
/**
 * Evaluation rules of issue 10, each following the AWS page it cites.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Scenario } from '../../src/evaluate/index.js';
import { ACCOUNT, allowAll, OTHER, policy, USER } from './helpers.js';

const NOT_PRINCIPAL =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html';
const VARIABLES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html';
const CALLER = 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html';
const SESSION_TOKEN =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html';
const DENIED = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';

const BUCKET = 'arn:aws:s3:::BUCKETNAME/report.csv';
function decide(
  principal: string,
  policies: Scenario['policies'],
  action = 's3:GetObject',
  resource = BUCKET,
) {
  return evaluate({ request: { principal, action, resource }, policies });
}

describe(`NotPrincipal with Deny: account, then user or role, then session (${NOT_PRINCIPAL})`, () => {
  // The page's example: "all principals except the user named Bob in AWS account 444455556666 are
  // explicitly denied access", with NotPrincipal listing Bob and arn:aws:iam::444455556666:root.
  const bob = `arn:aws:iam::${OTHER}:user/Bob`;
  const carol = `arn:aws:iam::${OTHER}:user/Carol`;
  const denyAllButBob = policy({
    Effect: 'Deny',
    NotPrincipal: { AWS: [bob, `arn:aws:iam::${OTHER}:root`] },
    Action: 's3:*',
    Resource: ['arn:aws:s3:::BUCKETNAME', 'arn:aws:s3:::BUCKETNAME/*'],
  });
  const grantAll = policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 's3:*', Resource: '*' });
  const bucketPolicy = (deny = denyAllButBob) => ({
    version: '2012-10-17',
    document: {
      ...deny.document,
      statements: [...deny.document.statements, ...grantAll.document.statements],
    },
  });

  it('Bob is not denied; another user of the same account is (the account ARN exempts only the account)', () => {
    const policies = { identity: [allowAll()], resource: bucketPolicy() };
    expect(decide(bob, policies).decision).toBe('Allowed');
    const r = decide(carol, policies);
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deniedBy).toBe('resource');
    // The account's root user is the account itself: exempt.
    expect(decide(`arn:aws:iam::${OTHER}:root`, policies).decision).toBe('Allowed');
  });

  it("listing only Bob's ARN denies Bob too: AWS validates the account first", () => {
    // "If the NotPrincipal element contained only Bob's ARN, the effect of the policy might be to
    // explicitly deny access to the AWS account that contains the user Bob."
    const onlyBob = policy({ Effect: 'Deny', NotPrincipal: { AWS: bob }, Action: 's3:*', Resource: '*' });
    expect(decide(bob, { identity: [allowAll()], resource: bucketPolicy(onlyBob) }).decision).toBe(
      'ExplicitDeny',
    );
  });

  // The page's role example: NotPrincipal lists the assumed-role session, the role and the account.
  const role = `arn:aws:iam::${OTHER}:role/cross-account-read-only-role`;
  const audit = `arn:aws:sts::${OTHER}:assumed-role/cross-account-read-only-role/cross-account-audit-app`;
  const other = `arn:aws:sts::${OTHER}:assumed-role/cross-account-read-only-role/someone-else`;
  const denyAllButAudit = policy({
    Effect: 'Deny',
    NotPrincipal: { AWS: [audit, role, `arn:aws:iam::${OTHER}:root`] },
    Action: 's3:*',
    Resource: '*',
  });

  it('a NotPrincipal naming one role session exempts only that session', () => {
    const policies = { identity: [allowAll()], resource: bucketPolicy(denyAllButAudit) };
    expect(decide(audit, policies).decision).toBe('Allowed');
    expect(decide(other, policies).decision).toBe('ExplicitDeny');
  });

  it('a session is denied when its role is not listed ("might be to explicitly deny access to the role")', () => {
    const noRole = policy({
      Effect: 'Deny',
      NotPrincipal: { AWS: [audit, `arn:aws:iam::${OTHER}:root`] },
      Action: 's3:*',
      Resource: '*',
    });
    expect(decide(audit, { identity: [allowAll()], resource: bucketPolicy(noRole) }).decision).toBe(
      'ExplicitDeny',
    );
  });

  it('listing the role and the account exempts every session of the role', () => {
    const roleAndAccount = policy({
      Effect: 'Deny',
      NotPrincipal: { AWS: [role, OTHER] },
      Action: 's3:*',
      Resource: '*',
    });
    // The chain's last link, the session, is not listed: the session is denied.
    expect(decide(other, { identity: [allowAll()], resource: bucketPolicy(roleAndAccount) }).decision).toBe(
      'ExplicitDeny',
    );
  });

  it('a principal with a permissions boundary is denied whatever NotPrincipal lists', () => {
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that has a
    // permissions boundary policy attached, regardless of the values specified in the NotPrincipal
    // element." (Key points)
    const policies = { identity: [allowAll()], resource: bucketPolicy(), permissionBoundary: allowAll() };
    const r = decide(bob, policies);
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deniedBy).toBe('resource');
    // Without the boundary Bob is not denied.
    expect(decide(bob, { ...policies, permissionBoundary: undefined }).decision).toBe('Allowed');
  });

  it('service principals are exempt when listed', () => {
    const denyButCloudTrail = policy({
      Effect: 'Deny',
      NotPrincipal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:*',
      Resource: '*',
    });
    const allowTrail = policy({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:*',
      Resource: '*',
    });
    const resource = {
      document: {
        ...denyButCloudTrail.document,
        statements: [...denyButCloudTrail.document.statements, ...allowTrail.document.statements],
      },
    };
    expect(decide('cloudtrail.amazonaws.com', { resource }).decision).toBe('Allowed');
  });
});

describe(`\${*}, \${?} and \${$} are literal characters in Resource and NotResource (${VARIABLES}#policy-vars-specialchars)`, () => {
  // "You can use these special characters in any string where you can use regular policy variables."
  const object = (key: string) =>
    evaluate({
      request: { principal: USER, action: 's3:GetObject', resource: `arn:aws:s3:::b/${key}` },
      policies: {
        identity: [
          policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a${*}c${?}${$}' }),
        ],
      },
    });

  it('in Resource they match only the character itself', () => {
    expect(object('a*c?$').decision).toBe('Allowed');
    expect(object('abc?$').decision).toBe('ImplicitDeny');
    expect(object('a*cd$').decision).toBe('ImplicitDeny');
  });

  it('in NotResource too', () => {
    const deny = policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/${*}' });
    const run = (key: string) =>
      evaluate({
        request: { principal: USER, action: 's3:GetObject', resource: `arn:aws:s3:::b/${key}` },
        policies: { identity: [allowAll(), deny] },
      }).decision;
    expect(run('*')).toBe('Allowed');
    expect(run('anything')).toBe('ExplicitDeny');
  });

  it('under Version 2008-10-17 (no variables) the text stays a pattern', () => {
    const r = evaluate({
      request: { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/${x}' },
      policies: {
        identity: [
          {
            document: {
              ...policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${*}' })
                .document,
              version: undefined,
            },
          },
        ],
      },
    });
    expect(r.decision).toBe('Allowed'); // * in "${*}" is a wildcard there
  });
});

describe(`actions that need no permission (${CALLER}; ${SESSION_TOKEN})`, () => {
  const caller = (principal: string, policies: Scenario['policies'] = {}) =>
    decide(principal, policies, 'sts:GetCallerIdentity', '*');

  it('sts:GetCallerIdentity is allowed with no policy, and despite an explicit deny, saying why', () => {
    // "No permissions are required to perform this operation. If an administrator adds a policy to
    // your IAM user or role that explicitly denies access to the sts:GetCallerIdentity action, you
    // can still perform this operation."
    const none = caller(USER);
    expect(none.decision).toBe('Allowed');
    expect(none.message).toContain('needs no permission');
    const denied = caller(USER, { identity: [policy({ Effect: 'Deny', Action: 'sts:*', Resource: '*' })] });
    expect(denied.decision).toBe('Allowed');
    expect(denied.matchedStatements.map((m) => m.effect)).toEqual(['Deny']);
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/s`;
    expect(
      caller(session, { scps: [[policy({ Effect: 'Deny', Action: '*', Resource: '*' })]] }).decision,
    ).toBe('Allowed');
  });

  it('sts:GetSessionToken needs no permission for IAM users ("You cannot use policies to control authentication operations")', () => {
    const r = decide(
      USER,
      { identity: [policy({ Effect: 'Deny', Action: '*', Resource: '*' })] },
      'sts:GetSessionToken',
      '*',
    );
    expect(r.decision).toBe('Allowed');
    expect(r.message).toContain('policies cannot control authentication operations');
  });

  it('other actions, and anonymous callers, are decided by the policies as usual', () => {
    expect(decide(USER, {}, 'sts:GetAccessKeyInfo', '*').decision).toBe('ImplicitDeny');
    expect(caller('*').decision).toBe('ImplicitDeny');
  });
});

describe(`access-denied messages agree with the decision (${DENIED})`, () => {
  it('an SCP implicit deny: "because no service control policy allows the ACTION action"', () => {
    const r = decide(USER, {
      identity: [allowAll()],
      scps: [[policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })]],
    });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.message).toBe(
      `User: ${USER} is not authorized to perform: s3:GetObject on resource: ${BUCKET} because no service control policy allows the s3:GetObject action`,
    );
  });

  it('an SCP explicit deny: "with an explicit deny in a service control policy"', () => {
    const r = decide(USER, {
      identity: [allowAll()],
      scps: [[allowAll(), policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' })]],
    });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.message).toMatch(/with an explicit deny in a service control policy$/);
  });
});

const TRUST = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html';

describe(`a user named in a role trust policy needs its boundary to allow sts:AssumeRole (${TRUST})`, () => {
  // "If a user is listed as the principal in a role's trust policy but cannot assume the role,
  // check the user's permissions boundary. If a permissions boundary is set for the user, then it
  // must allow the sts:AssumeRole action."
  const role = `arn:aws:iam::${ACCOUNT}:role/Admin`;
  const trust = policy({ Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' });
  const assume = (permissionBoundary?: Scenario['policies']['permissionBoundary']) =>
    evaluate({
      request: { principal: USER, action: 'sts:AssumeRole', resource: role },
      policies: { resource: trust, ...(permissionBoundary ? { permissionBoundary } : {}) },
    });

  it('without a boundary the trust policy alone allows (a direct grant to the user)', () => {
    expect(assume().decision).toBe('Allowed');
  });

  it('a boundary that does not allow sts:AssumeRole denies, naming the boundary', () => {
    const r = assume(policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('boundary');
    expect(r.message).toContain('because no permissions boundary allows the sts:AssumeRole action');
  });

  it('a boundary that allows sts:AssumeRole lets the trust policy grant', () => {
    expect(assume(policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' })).decision).toBe(
      'Allowed',
    );
  });

  it('other resource-based grants to the user are still not limited by the boundary', () => {
    const r = evaluate({
      request: { principal: USER, action: 's3:GetObject', resource: BUCKET },
      policies: {
        resource: policy({
          Effect: 'Allow',
          Principal: { AWS: USER },
          Action: 's3:GetObject',
          Resource: BUCKET,
        }),
        permissionBoundary: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }),
      },
    });
    expect(r.decision).toBe('Allowed');
  });
});
