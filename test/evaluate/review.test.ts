// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is IAM policy variable syntax, not a JS template
/**
 * Review of the evaluator against AWS's documented evaluation logic: each test quotes the sentence
 * of the documentation it follows.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, prepareRequest, type Scenario } from '../../src/evaluate/index.js';
import { ACCOUNT, allowAll, BUCKET_OBJECT, policy, SESSION, USER } from './helpers.js';

const EVAL_LOGIC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html';

const FEDERATED = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;

function run(policies: Scenario['policies'], principal: string) {
  return evaluate({
    resourceAccount: ACCOUNT,
    request: { principal, action: 's3:GetObject', resource: BUCKET_OBJECT },
    policies,
  });
}

describe(`session policies (${EVAL_LOGIC}#policy-eval-denyallow)`, () => {
  // "If there is no session policy, the code checks whether the principal is a role session. If the
  // principal is a role session, then the request is Allowed. Otherwise, the request is implicitly
  // denied and the code returns a final decision of Deny."
  it('a federated user session without a session policy is implicitly denied', () => {
    const r = run({ identity: [allowAll()] }, FEDERATED);
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('session');
    expect(r.message).toBe(
      `User: ${FEDERATED} is not authorized to perform: s3:GetObject on resource: ${BUCKET_OBJECT} because no session policy allows the s3:GetObject action`,
    );
  });

  it('a federated user session with a session policy that allows is allowed', () => {
    const r = run({ identity: [allowAll()], sessionPolicy: allowAll() }, FEDERATED);
    expect(r.decision).toBe('Allowed');
  });

  it('a role session without a session policy is still allowed by its identity policies', () => {
    expect(run({ identity: [allowAll()] }, SESSION).decision).toBe('Allowed');
  });

  // "Within the same account, resource-based policies that grant permissions to a federated user ARN
  // grant permissions directly to the session. Permissions granted directly to a session are not
  // limited by an implicit deny in an identity-based policy, a permissions boundary, or session policy."
  it('a same-account grant to the federated user ARN needs no session policy', () => {
    const resource = policy({
      Effect: 'Allow',
      Principal: { AWS: FEDERATED },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::example-bucket/*',
    });
    expect(run({ resource }, FEDERATED).decision).toBe('Allowed');
  });

  // "The code then checks whether the principal is a session principal. Session principals include an
  // IAM role session or an IAM federated user session. If the principal is not a session principal,
  // the enforcement code returns a final decision of Allow."
  it('a session policy does not limit an IAM user, who is not a session principal', () => {
    const sessionPolicy = policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' });
    const r = run({ identity: [allowAll()], sessionPolicy }, USER);
    expect(r.decision).toBe('Allowed');
    // ...while the same session policy limits a role session.
    expect(run({ identity: [allowAll()], sessionPolicy }, SESSION).deniedBy).toBe('session');
  });
});

const VARIABLES =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable';

describe(`keys derived from the principal (${VARIABLES})`, () => {
  // "The values for aws:username, aws:userid, and aws:PrincipalType depend on what type of principal
  // initiated the request." The table gives, for a federated user: aws:username not present,
  // aws:userid "account:caller-specified-name", aws:PrincipalType "FederatedUser".
  it('a federated user session has aws:userid account:name and no aws:username', () => {
    const ctx = prepareRequest({
      principal: FEDERATED,
      action: 's3:GetObject',
      resource: BUCKET_OBJECT,
    }).contextObject.toJSON();
    expect(ctx['aws:userid']).toBe(`${ACCOUNT}:bob`);
    expect(ctx['aws:PrincipalType']).toBe('FederatedUser');
    expect(ctx['aws:username']).toBeUndefined();
  });

  it('policy variables read the federated aws:userid', () => {
    const identity = [
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::example-bucket/${aws:userid}/*',
      }),
    ];
    const r = evaluate({
      resourceAccount: ACCOUNT,
      request: {
        principal: FEDERATED,
        action: 's3:GetObject',
        resource: `arn:aws:s3:::example-bucket/${ACCOUNT}:bob/report.csv`,
      },
      policies: { identity, sessionPolicy: allowAll() },
    });
    expect(r.decision).toBe('Allowed');
    expect(r.missingContextKeys).toEqual([]);
  });
});

const PRINCIPAL_DOC =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous';

describe(`Principal "*" in a same-account resource-based policy (${PRINCIPAL_DOC})`, () => {
  // "For resource-based policies, using a wildcard (*) with an Allow effect grants access to all
  // users, including anonymous users (public access). For IAM users and role principals within your
  // account, no other permissions are required."
  const publicRead = policy({
    Effect: 'Allow',
    Principal: '*',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::example-bucket/*',
  });
  const boundary = policy({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' });

  it('needs no identity-based policy and is not limited by a boundary or session policy', () => {
    expect(run({ resource: publicRead, permissionBoundary: boundary }, USER).decision).toBe('Allowed');
    expect(
      run({ resource: publicRead, permissionBoundary: boundary, sessionPolicy: boundary }, SESSION).decision,
    ).toBe('Allowed');
  });

  // "For principals in other accounts, they must also have identity-based permissions in their
  // account that allow them to access your resource."
  it('still needs identity-based permissions for principals of other accounts', () => {
    const outsider = 'arn:aws:iam::444455556666:user/carol';
    expect(run({ resource: publicRead }, outsider).decision).toBe('ImplicitDeny');
    expect(run({ resource: publicRead, identity: [allowAll()] }, outsider).decision).toBe('Allowed');
  });
});

const KMS_ALIAS = 'https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html';

describe(`KMS aliases are not governed by key policies (${KMS_ALIAS})`, () => {
  // "kms:CreateAlias for the alias. Provide this permission in an IAM policy that is attached to the
  // principal who is allowed to create the alias."
  const alias = `arn:aws:kms:us-west-2:${ACCOUNT}:alias/test-key`;
  const key = `arn:aws:kms:us-west-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const iam = policy({ Effect: 'Allow', Action: 'kms:CreateAlias', Resource: '*' });
  const request = (resource: string) =>
    evaluate({
      request: { principal: USER, action: 'kms:CreateAlias', resource },
      policies: { identity: [iam] },
    });

  it('an IAM policy alone allows kms:CreateAlias on the alias resource', () => {
    expect(request(alias).decision).toBe('Allowed');
  });

  it('the key itself still needs its key policy', () => {
    const r = request(key);
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deniedBy).toBe('resource');
  });
});

describe(`NotResource with a policy variable the request cannot resolve (${VARIABLES}#policy-vars-no-value)`, () => {
  // "Policy variables with no value": an element whose variable has no value "will not match any
  // resource". A role session has no aws:username, so the NotResource entry below matches nothing
  // and the statement applies to every resource.
  const notHome = (effect: 'Allow' | 'Deny') =>
    policy({ Effect: effect, Action: 's3:*', NotResource: 'arn:aws:s3:::home/${aws:username}/*' });

  it('a Deny statement applies to every resource', () => {
    expect(run({ identity: [allowAll(), notHome('Deny')] }, SESSION).decision).toBe('ExplicitDeny');
    // For an IAM user the variable resolves: denied outside the home prefix only.
    expect(run({ identity: [allowAll(), notHome('Deny')] }, USER).decision).toBe('ExplicitDeny');
    const home = evaluate({
      resourceAccount: ACCOUNT,
      request: { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::home/alice/x' },
      policies: { identity: [allowAll(), notHome('Deny')] },
    });
    expect(home.decision).toBe('Allowed');
  });

  it('another entry of the same NotResource still excludes its resources', () => {
    const pol = policy({
      Effect: 'Deny',
      Action: 's3:*',
      NotResource: ['arn:aws:s3:::home/${aws:username}/*', BUCKET_OBJECT],
    });
    expect(run({ identity: [allowAll(), pol] }, SESSION).decision).toBe('Allowed');
  });
});
