import { describe, expect, it } from 'vitest';
import { evaluate, prepareRequest, type Scenario } from '../../src/evaluate/index.js';
import { parsePolicyValue } from '../../src/policy/parse.js';
import { ACCOUNT, allowAll, BUCKET_OBJECT, named, OTHER, policy, ROLE, SESSION, USER } from './helpers.js';

const EVAL_LOGIC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';
const CROSS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html';
const DENIED = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';
const SCPS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html';
const RCPS = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html';

function run(
  s: Partial<Scenario> & { policies: Scenario['policies'] },
  request: Partial<Scenario['request']> = {},
) {
  return evaluate({
    resourceAccount: ACCOUNT,
    ...s,
    request: { principal: USER, action: 's3:GetObject', resource: BUCKET_OBJECT, ...request },
  });
}

const s3Get = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::example-bucket/*',
  ...extra,
});

describe(`identity-based policies (${EVAL_LOGIC})`, () => {
  it('denies by default when no policy allows (implicit deny names identity-based policies)', () => {
    const r = run({ policies: {} });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('identity');
    expect(r.message).toBe(
      `User: ${USER} is not authorized to perform: s3:GetObject on resource: ${BUCKET_OBJECT} because no identity-based policy allows the s3:GetObject action`,
    );
  });

  it('allows with one matching Allow statement and lists it', () => {
    const r = run({ policies: { identity: [named('ReadBucket', { Sid: 'Read', ...s3Get() })] } });
    expect(r.decision).toBe('Allowed');
    expect(r.deniedBy).toBeUndefined();
    expect(r.matchedStatements).toHaveLength(1);
    expect(r.matchedStatements[0]).toMatchObject({
      policyType: 'identity',
      policy: 'ReadBucket',
      statement: 'Read',
      effect: 'Allow',
    });
    expect(r.matchedStatements[0].location.path).toEqual([{ value: 'Statement' }, { index: 0 }]);
  });

  it('an explicit deny overrides any allow', () => {
    const r = run({
      policies: { identity: [allowAll(), policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' })] },
    });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deniedBy).toBe('identity');
    expect(r.message).toContain('with an explicit deny in an identity-based policy');
    expect(r.matchedStatements.map((m) => m.effect)).toEqual(['Allow', 'Deny']);
  });

  it('matches action names case-insensitively (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html)', () => {
    const r = run({
      policies: { identity: [policy({ Effect: 'Allow', Action: 'S3:getobject', Resource: '*' })] },
    });
    expect(r.decision).toBe('Allowed');
  });

  it('NotAction allows everything except the listed actions', () => {
    const pol = policy({ Effect: 'Allow', NotAction: 's3:Delete*', Resource: '*' });
    expect(run({ policies: { identity: [pol] } }).decision).toBe('Allowed');
    expect(run({ policies: { identity: [pol] } }, { action: 's3:DeleteObject' }).decision).toBe(
      'ImplicitDeny',
    );
  });

  it('NotResource applies to every resource but the listed ones', () => {
    const pol = policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::example-bucket/*' });
    const r = run({ policies: { identity: [allowAll(), pol] } }, { resource: 'arn:aws:s3:::other/x' });
    expect(r.decision).toBe('ExplicitDeny');
    expect(run({ policies: { identity: [allowAll(), pol] } }).decision).toBe('Allowed');
  });

  it('resource ARNs are case-sensitive', () => {
    const r = run({ policies: { identity: [policy(s3Get({ Resource: 'arn:aws:s3:::EXAMPLE-BUCKET/*' }))] } });
    expect(r.decision).toBe('ImplicitDeny');
  });

  it('the root user of the account needs no identity-based policy', () => {
    const r = run({ policies: {} }, { principal: `arn:aws:iam::${ACCOUNT}:root` });
    expect(r.decision).toBe('Allowed');
  });

  it('fills in keys that follow from the principal ARN and nothing about the request (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)', () => {
    const ctx = prepareRequest({
      principal: USER,
      action: 's3:GetObject',
      resource: BUCKET_OBJECT,
    }).contextObject.toJSON();
    expect(ctx).toMatchObject({
      'aws:PrincipalArn': USER,
      'aws:PrincipalAccount': ACCOUNT,
      'aws:PrincipalType': 'User',
      'aws:username': 'alice',
    });
    expect(Object.keys(ctx)).not.toContain('aws:MultiFactorAuthPresent');
    expect(Object.keys(ctx)).not.toContain('aws:SourceIp');
  });

  it('keeps context values the request supplied over derived ones', () => {
    const path = `arn:aws:iam::${ACCOUNT}:role/teams/Dev`;
    const ctx = prepareRequest({
      principal: SESSION,
      action: 's3:GetObject',
      resource: BUCKET_OBJECT,
      context: { 'AWS:PrincipalArn': path },
    }).contextObject.toJSON();
    expect(ctx['AWS:PrincipalArn']).toBe(path);
    expect(ctx['aws:PrincipalArn']).toBeUndefined();
  });

  it('uses the role ARN (not the session ARN) for aws:PrincipalArn of a role session', () => {
    const ctx = prepareRequest({
      principal: SESSION,
      action: 's3:GetObject',
      resource: BUCKET_OBJECT,
    }).contextObject.toJSON();
    expect(ctx['aws:PrincipalArn']).toBe(ROLE);
    expect(ctx['aws:PrincipalType']).toBe('AssumedRole');
  });

  it('reports condition keys the request did not supply', () => {
    const pol = policy(s3Get({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
    const r = run({ policies: { identity: [pol] } });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.missingContextKeys).toEqual(['aws:MultiFactorAuthPresent']);
    const ok = run({ policies: { identity: [pol] } }, { context: { 'aws:MultiFactorAuthPresent': true } });
    expect(ok.decision).toBe('Allowed');
    expect(ok.missingContextKeys).toEqual([]);
  });
});

describe(`permissions boundaries and session policies (${EVAL_LOGIC})`, () => {
  it('the boundary limits what identity-based policies grant', () => {
    const r = run({
      policies: {
        identity: [allowAll()],
        permissionBoundary: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
      },
    });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('boundary');
    expect(r.message).toContain('because no permissions boundary allows the s3:GetObject action');
  });

  it('an explicit deny in a boundary names the boundary', () => {
    const r = run({
      policies: {
        identity: [allowAll()],
        permissionBoundary: policy(
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 's3:*', Resource: '*' },
        ),
      },
    });
    expect(r.deniedBy).toBe('boundary');
    expect(r.decision).toBe('ExplicitDeny');
  });

  it('a session policy limits a role session', () => {
    const r = run(
      {
        policies: {
          identity: [allowAll()],
          sessionPolicy: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }),
        },
      },
      { principal: SESSION },
    );
    expect(r.deniedBy).toBe('session');
    expect(r.message).toContain('because no session policy allows');
  });

  it('boundary, session policy and identity policy all allowing gives Allowed', () => {
    const r = run(
      { policies: { identity: [allowAll()], permissionBoundary: allowAll(), sessionPolicy: allowAll() } },
      { principal: SESSION },
    );
    expect(r.decision).toBe('Allowed');
  });
});

describe(`resource-based policies within one account (${EVAL_LOGIC}#policy-eval-denyallow)`, () => {
  const grantTo = (aws: string) => policy({ ...s3Get(), Principal: { AWS: aws } });

  it('a grant to the IAM user ARN allows without identity policy and despite the boundary', () => {
    const r = run({
      policies: {
        resource: grantTo(USER),
        permissionBoundary: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
      },
    });
    expect(r.decision).toBe('Allowed');
  });

  it('a grant to the role session ARN is not limited by boundary or session policy', () => {
    const r = run(
      {
        policies: {
          resource: grantTo(SESSION),
          permissionBoundary: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
          sessionPolicy: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
        },
      },
      { principal: SESSION },
    );
    expect(r.decision).toBe('Allowed');
  });

  it('a grant to the role ARN needs no identity policy but is limited by the boundary', () => {
    const free = run({ policies: { resource: grantTo(ROLE) } }, { principal: SESSION });
    expect(free.decision).toBe('Allowed');
    const bounded = run(
      {
        policies: {
          resource: grantTo(ROLE),
          permissionBoundary: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
        },
      },
      { principal: SESSION },
    );
    expect(bounded.decision).toBe('ImplicitDeny');
    expect(bounded.deniedBy).toBe('boundary');
    const session = run(
      {
        policies: {
          resource: grantTo(ROLE),
          sessionPolicy: policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
        },
      },
      { principal: SESSION },
    );
    expect(session.deniedBy).toBe('session');
  });

  it('a grant to a role ARN with a path matches sessions of that role', () => {
    const r = run(
      { policies: { resource: grantTo(`arn:aws:iam::${ACCOUNT}:role/teams/platform/Dev`) } },
      { principal: SESSION },
    );
    expect(r.decision).toBe('Allowed');
  });

  it('a grant to the account delegates to identity-based policies', () => {
    const none = run({ policies: { resource: grantTo(`arn:aws:iam::${ACCOUNT}:root`) } });
    expect(none.decision).toBe('ImplicitDeny');
    expect(none.deniedBy).toBe('identity');
    const withIdentity = run({ policies: { resource: grantTo(ACCOUNT), identity: [allowAll()] } });
    expect(withIdentity.decision).toBe('Allowed');
  });

  it('a grant to another principal does not help', () => {
    const r = run({ policies: { resource: grantTo(`arn:aws:iam::${ACCOUNT}:user/bob`) } });
    expect(r.decision).toBe('ImplicitDeny');
  });

  it('an explicit deny in the resource policy names the resource-based policy', () => {
    const r = run({
      policies: {
        identity: [allowAll()],
        resource: policy({
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::example-bucket/*',
        }),
      },
    });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deniedBy).toBe('resource');
    expect(r.message).toContain('with an explicit deny in a resource-based policy');
  });

  it('role trust policies must allow even within the account', () => {
    const r = run(
      { policies: { identity: [allowAll()] } },
      { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/Admin` },
    );
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('resource');
    const trusted = run(
      {
        policies: {
          identity: [allowAll()],
          resource: policy({ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }),
        },
      },
      { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/Admin` },
    );
    expect(trusted.decision).toBe('Allowed');
  });

  it('KMS key policies must allow even within the account', () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const r = run({ policies: { identity: [allowAll()] } }, { action: 'kms:Decrypt', resource: key });
    expect(r.deniedBy).toBe('resource');
  });

  it('service principals are granted access only by the resource policy', () => {
    const pol = policy({ ...s3Get(), Principal: { Service: 'cloudtrail.amazonaws.com' } });
    expect(run({ policies: { resource: pol } }, { principal: 'cloudtrail.amazonaws.com' }).decision).toBe(
      'Allowed',
    );
    const other = run({ policies: { resource: pol } }, { principal: 'config.amazonaws.com' });
    expect(other.decision).toBe('ImplicitDeny');
    expect(other.deniedBy).toBe('resource');
  });

  it('Principal "*" grants anonymous requests', () => {
    const pol = policy({ ...s3Get(), Principal: '*' });
    expect(run({ policies: { resource: pol } }, { principal: 'anonymous' }).decision).toBe('Allowed');
    expect(run({ policies: {} }, { principal: 'anonymous' }).decision).toBe('ImplicitDeny');
  });

  it('NotPrincipal with Deny denies everyone except the listed principal (and its account)', () => {
    const pol = policy({
      Effect: 'Deny',
      NotPrincipal: { AWS: [USER, `arn:aws:iam::${ACCOUNT}:root`] },
      Action: 's3:*',
      Resource: '*',
    });
    expect(run({ policies: { identity: [allowAll()], resource: pol } }).decision).toBe('Allowed');
    const other = run(
      { policies: { identity: [allowAll()], resource: pol } },
      { principal: `arn:aws:iam::${ACCOUNT}:user/bob` },
    );
    expect(other.decision).toBe('ExplicitDeny');
  });
});

describe(`cross-account requests (${CROSS})`, () => {
  const outsider = `arn:aws:iam::${OTHER}:user/mallory`;
  it('needs both the resource policy and the identity policy', () => {
    const grant = policy({ ...s3Get(), Principal: { AWS: OTHER } });
    const both = run({ policies: { resource: grant, identity: [allowAll()] } }, { principal: outsider });
    expect(both.decision).toBe('Allowed');
    const onlyResource = run({ policies: { resource: grant } }, { principal: outsider });
    expect(onlyResource.deniedBy).toBe('identity');
    const onlyIdentity = run({ policies: { identity: [allowAll()] } }, { principal: outsider });
    expect(onlyIdentity.deniedBy).toBe('resource');
    expect(onlyIdentity.message).toContain('because no resource-based policy allows');
  });

  it('takes the resource account from the ARN when it has one', () => {
    const queue = `arn:aws:sqs:us-east-1:${OTHER}:jobs`;
    const r = evaluate({
      request: { principal: USER, action: 'sqs:SendMessage', resource: queue },
      policies: { identity: [allowAll()] },
    });
    expect(r.deniedBy).toBe('resource');
  });
});

describe(`service control policies (${SCPS})`, () => {
  const denyS3 = policy(
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', Action: 's3:*', Resource: '*' },
  );

  it(`every level must allow; an implicit deny says no SCP allows (${DENIED}, "Implicit deny example (SCP)")`, () => {
    const r = run({
      policies: {
        identity: [allowAll()],
        scps: [[allowAll()], [policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })]],
      },
    });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('scp');
    // "User: ... is not authorized to perform: s3:GetObject because no service control policy
    // allows the s3:GetObject action"
    expect(r.message).toBe(
      `User: ${USER} is not authorized to perform: s3:GetObject on resource: ${BUCKET_OBJECT} because no service control policy allows the s3:GetObject action`,
    );
  });

  it('an explicit deny at any level wins', () => {
    const r = run({ policies: { identity: [allowAll()], scps: [[allowAll()], [denyS3]] } });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deniedBy).toBe('scp');
  });

  it('all levels allowing lets identity policies decide', () => {
    expect(run({ policies: { identity: [allowAll()], scps: [[allowAll()], [allowAll()]] } }).decision).toBe(
      'Allowed',
    );
  });

  it('do not affect the management account', () => {
    const r = run({
      organization: { managementAccount: ACCOUNT },
      policies: { identity: [allowAll()], scps: [[denyS3]] },
    });
    expect(r.decision).toBe('Allowed');
  });

  it('do not affect service-linked roles', () => {
    const slr = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForConfig/config-session`;
    const r = run({ policies: { identity: [allowAll()], scps: [[denyS3]] } }, { principal: slr });
    expect(r.decision).toBe('Allowed');
  });

  it('do not grant anything themselves', () => {
    const r = run({ policies: { scps: [[allowAll()]] } });
    expect(r.deniedBy).toBe('identity');
  });
});

describe(`resource control policies (${RCPS})`, () => {
  const rcpDenyExternal = policy(
    { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT } },
    },
  );

  it('an RCP deny applies to principals from other accounts', () => {
    const grant = policy({ ...s3Get(), Principal: { AWS: OTHER } });
    const r = run(
      { policies: { identity: [allowAll()], resource: grant, rcps: [[rcpDenyExternal]] } },
      { principal: `arn:aws:iam::${OTHER}:user/mallory` },
    );
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deniedBy).toBe('rcp');
    expect(r.message).toContain('with an explicit deny in a resource control policy');
  });

  it('never deny implicitly: RCPFullAWSAccess is always attached (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html)', () => {
    const r = run({
      policies: {
        identity: [allowAll()],
        rcps: [[policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' })]],
      },
    });
    expect(r.decision).toBe('Allowed');
  });

  it('apply only to services that support RCPs', () => {
    const denyAll = policy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' });
    const s3 = run({ policies: { identity: [allowAll()], rcps: [[denyAll]] } });
    expect(s3.deniedBy).toBe('rcp');
    const ec2 = run(
      { policies: { identity: [allowAll()], rcps: [[denyAll]] } },
      { action: 'ec2:DescribeInstances', resource: '*' },
    );
    expect(ec2.decision).toBe('Allowed');
  });

  it('do not affect resources in the management account', () => {
    const r = run({
      organization: { managementAccount: ACCOUNT },
      policies: {
        identity: [allowAll()],
        rcps: [[policy({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' })]],
      },
    });
    expect(r.decision).toBe('Allowed');
  });
});

describe('VPC endpoint policies (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html)', () => {
  it('must allow the request when the request goes through the endpoint', () => {
    const vpce = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::other-bucket/*',
    });
    const r = run({ policies: { identity: [allowAll()], vpcEndpoint: vpce } });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('vpcEndpoint');
    expect(r.message).toContain('because no VPC endpoint policy allows the s3:GetObject action');
  });
});

describe('service reference (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html)', () => {
  it("messages use AWS's canonical action spelling whatever the request's case", () => {
    const r = run({ policies: {} }, { action: 'S3:getobject' });
    expect(r.message).toContain('not authorized to perform: s3:GetObject on resource');
    expect(r.message).toContain('allows the s3:GetObject action');
  });
});

describe('policy variables in Resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)', () => {
  // An IAM policy variable written without tripping the template-string lint.
  const USERNAME = '$' + '{aws:username}';
  const home = (version: string) => ({
    document: parsePolicyValue({
      Version: version,
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::home/${USERNAME}/*` }],
    }),
  });

  it('are substituted from the request context (aws:username follows from a user ARN)', () => {
    expect(
      run({ policies: { identity: [home('2012-10-17')] } }, { resource: 'arn:aws:s3:::home/alice/notes.txt' })
        .decision,
    ).toBe('Allowed');
    expect(
      run({ policies: { identity: [home('2012-10-17')] } }, { resource: 'arn:aws:s3:::home/bob/notes.txt' })
        .decision,
    ).toBe('ImplicitDeny');
  });

  it('are literal text under Version 2008-10-17', () => {
    const r = run(
      { policies: { identity: [home('2008-10-17')] } },
      { resource: 'arn:aws:s3:::home/alice/notes.txt' },
    );
    expect(r.decision).toBe('ImplicitDeny');
    const literal = run(
      { policies: { identity: [home('2008-10-17')] } },
      { resource: `arn:aws:s3:::home/${USERNAME}/notes.txt` },
    );
    expect(literal.decision).toBe('Allowed');
  });

  it('an unresolvable variable matches nothing', () => {
    const r = run(
      { policies: { identity: [home('2012-10-17')] } },
      { principal: SESSION, resource: 'arn:aws:s3:::home/alice/notes.txt' },
    );
    expect(r.decision).toBe('ImplicitDeny');
  });
});
