/**
 * Proofs over whole policy sets (src/reason/combined.ts): identity policies, permissions boundary,
 * session policy, SCP and RCP levels and the resource policy, decided in the evaluator's order.
 * Every FAIL's counterexample is replayed here again, independently, through `evaluate` on the
 * same set; every PASS is contradicted by none of a few hand-picked requests.
 *
 * Specifications followed:
 * - Policy evaluation logic ("An explicit deny in any of these policies overrides the allow";
 *   same-account resource-based grants; "If either the identity-based policy or the resource-based
 *   policy within the same account allows the request and the other doesn't, the request is still
 *   allowed"): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 * - Permissions boundaries ("An entity's permissions boundary allows it to perform only the actions
 *   that are allowed by both its identity-based policies and its permissions boundaries"):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 * - Session policies ("The resulting session's permissions are the intersection of the role's
 *   identity-based policy and the session policies"):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
 * - Resource control policies ("No permissions are granted by an RCP"; RCPFullAWSAccess "allows all
 *   principals and actions access to pass through RCP evaluation"; "any RCP from the root through
 *   each OU in the direct path to the account ... can deny that permission"):
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html,
 *   https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
 * - SCPs: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/index.js';
import type { PolicySet } from '../../src/evaluate/types.js';
import { parsePolicyValue } from '../../src/policy/parse.js';
import {
  type CheckResult,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkSetAccessNotGranted,
  checkSetNoNewAccess,
  checkSetNoPublicAccess,
  type PolicySetScenario,
  shutdownSolver,
  warmUp,
  withPolicy,
} from '../../src/reason/index.js';

const doc = (statements: unknown[]) => parsePolicyValue({ Version: '2012-10-17', Statement: statements });
const ref = (statements: unknown[], name?: string) => ({
  ...(name ? { name } : {}),
  document: doc(statements),
});

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/operator`;
const ADMIN = ref([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'admin');
const FULL_SCP = ref([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'FullAWSAccess');

beforeAll(async () => {
  await warmUp();
}, 60000);
afterAll(async () => {
  await shutdownSolver();
});

/** The counterexample, evaluated again on the same set: the decision the check reported. */
function replays(set: PolicySetScenario, r: CheckResult): void {
  expect(r.result).toBe('FAIL');
  const c = r.counterexample!;
  const again = evaluate({
    request: c.request,
    policies: set.policies,
    ...(c.principalAccount ? { principalAccount: c.principalAccount } : {}),
    resourceAccount: c.resourceAccount,
    ...(set.organization ? { organization: set.organization } : {}),
  });
  expect(again.decision).toBe(c.decision);
  expect(again.decision).toBe('Allowed');
}

/** None of these requests is allowed by the set (a PASS must agree with the evaluator). */
function noneAllowed(
  set: PolicySetScenario,
  requests: Array<{ principal: string; action: string; resource: string }>,
) {
  for (const request of requests) {
    const d = evaluate({ request, policies: set.policies, resourceAccount: set.resourceAccount ?? ACCOUNT });
    expect(d.decision, JSON.stringify(request)).not.toBe('Allowed');
  }
}

describe('check-access-not-granted over a policy set', () => {
  it('a permissions boundary blocks what the identity policy allows: PASS', async () => {
    const set: PolicySetScenario = {
      policies: {
        identity: [ADMIN],
        permissionBoundary: ref([{ Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }]),
      },
      resourceAccount: ACCOUNT,
    };
    const r = await checkSetAccessNotGranted(set, { actions: ['iam:*'] }, { principal: ROLE });
    expect(r.result).toBe('PASS');
    noneAllowed(set, [{ principal: ROLE, action: 'iam:CreateUser', resource: '*' }]);
    // Without the boundary the same question fails, with a replayed counterexample.
    const open: PolicySetScenario = { ...set, policies: { identity: [ADMIN] } };
    const f = await checkSetAccessNotGranted(open, { actions: ['iam:*'] }, { principal: ROLE });
    replays(open, f);
    expect(f.counterexample!.request.action.toLowerCase()).toMatch(/^iam:/);
    // The boundary does not limit the root user ("the AWS account root user, which has full access").
    const root = await checkSetAccessNotGranted(set, { actions: ['iam:*'] }, { principal: ACCOUNT });
    replays(set, root);
    expect(root.counterexample!.request.principal).toBe(`arn:aws:iam::${ACCOUNT}:root`);
  });

  it('an SCP deny at any level: PASS; every level must also allow', async () => {
    const denyIam = ref([
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
    ]);
    const set: PolicySetScenario = {
      policies: { identity: [ADMIN], scps: [[FULL_SCP], [denyIam]] },
      resourceAccount: ACCOUNT,
    };
    expect((await checkSetAccessNotGranted(set, { actions: ['iam:*'] }, { principal: ROLE })).result).toBe(
      'PASS',
    );
    noneAllowed(set, [{ principal: ROLE, action: 'iam:PassRole', resource: '*' }]);
    // A level that allows only S3 leaves nothing else, although the identity policy allows all.
    const s3Only: PolicySetScenario = {
      policies: {
        identity: [ADMIN],
        scps: [[FULL_SCP], [ref([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])]],
      },
      resourceAccount: ACCOUNT,
    };
    expect(
      (await checkSetAccessNotGranted(s3Only, { actions: ['sqs:*', 'ec2:*'] }, { principal: ROLE })).result,
    ).toBe('PASS');
    replays(s3Only, await checkSetAccessNotGranted(s3Only, { actions: ['s3:*'] }, { principal: ROLE }));
  });

  it('an RCP deny: PASS; RCPs never need to allow (RCPFullAWSAccess)', async () => {
    // Deny S3 to every principal outside the account (aws:PrincipalAccount is the principal's own).
    const rcp = ref([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT } },
      },
    ]);
    const set: PolicySetScenario = {
      policies: {
        identity: [ADMIN],
        resource: ref([
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
        ]),
        rcps: [[rcp]],
      },
      resourceAccount: ACCOUNT,
    };
    const outsider = 'arn:aws:iam::444455556666:role/partner';
    const r = await checkSetAccessNotGranted(set, { actions: ['s3:GetObject'] }, { principal: outsider });
    expect(r.result).toBe('PASS');
    noneAllowed(set, [{ principal: outsider, action: 's3:GetObject', resource: 'arn:aws:s3:::data/x' }]);
    // Without the RCP the public grant lets the outsider in.
    const bare: PolicySetScenario = { ...set, policies: { ...set.policies, rcps: undefined } };
    replays(
      bare,
      await checkSetAccessNotGranted(bare, { actions: ['s3:GetObject'] }, { principal: outsider }),
    );
    // Inside the account the RCP denies nothing, and it never has to allow (no RCP Allow statement).
    replays(set, await checkSetAccessNotGranted(set, { actions: ['s3:GetObject'] }, { principal: ROLE }));
  });

  it('a single RCP (--policy-type RESOURCE_CONTROL_POLICY): allows what it does not deny', async () => {
    const rcp = doc([{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' }]);
    const pass = await checkAccessNotGranted(
      rcp,
      { actions: ['s3:DeleteBucket'] },
      { policyType: 'RESOURCE_CONTROL_POLICY' },
    );
    expect(pass.result).toBe('PASS');
    const fail = await checkAccessNotGranted(
      rcp,
      { actions: ['s3:PutObject'] },
      { policyType: 'RESOURCE_CONTROL_POLICY' },
    );
    expect(fail.result).toBe('FAIL');
    // A narrower deny grants more (new access); a wider one grants nothing new.
    const wider = doc([{ Effect: 'Deny', Principal: '*', Action: 's3:Delete*', Resource: '*' }]);
    expect((await checkNoNewAccess(wider, rcp, { policyType: 'RESOURCE_CONTROL_POLICY' })).result).toBe(
      'PASS',
    );
    const more = await checkNoNewAccess(rcp, wider, { policyType: 'RESOURCE_CONTROL_POLICY' });
    expect(more.result).toBe('FAIL');
    expect(more.counterexample!.request.action.toLowerCase()).toMatch(/^s3:delete/);
    expect(more.counterexample!.existingPolicyDecision).toBe('ExplicitDeny');
  });

  it('a resource policy granting a same-account role: FAIL with a replayed counterexample', async () => {
    const bucket = ref([
      { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
    ]);
    // The role's identity policies grant nothing: within one account the resource policy suffices.
    const set: PolicySetScenario = {
      policies: { identity: [ref([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }])], resource: bucket },
      resourceAccount: ACCOUNT,
    };
    const r = await checkSetAccessNotGranted(set, { actions: ['s3:GetObject'] }, { principal: ROLE });
    replays(set, r);
    expect(r.counterexample!.resourceAccount).toBe(ACCOUNT);
    expect(r.reasons.map((x) => x.description)).toContain(
      'Statement at index 0 of resource grants the access.',
    );
    // The same grant from another account needs the principal's identity policy too: PASS.
    const cross: PolicySetScenario = { ...set, resourceAccount: '444455556666' };
    expect(
      (await checkSetAccessNotGranted(cross, { actions: ['s3:GetObject'] }, { principal: ROLE })).result,
    ).toBe('PASS');
  });

  it('a session policy intersects with the identity policies', async () => {
    const set: PolicySetScenario = {
      policies: {
        identity: [ref([{ Effect: 'Allow', Action: ['s3:*', 'sqs:*'], Resource: '*' }])],
        sessionPolicy: ref([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]),
      },
      resourceAccount: ACCOUNT,
    };
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/operator/s1`;
    expect(
      (await checkSetAccessNotGranted(set, { actions: ['sqs:*', 's3:PutObject'] }, { principal: ROLE }))
        .result,
    ).toBe('PASS');
    noneAllowed(set, [{ principal: session, action: 'sqs:SendMessage', resource: '*' }]);
    const r = await checkSetAccessNotGranted(set, { actions: ['s3:GetObject'] }, { principal: ROLE });
    replays(set, r);
  });
});

describe('check-no-new-access and check-no-public-access over a policy set', () => {
  it('a new identity policy adds nothing beyond the boundary', async () => {
    const base: PolicySetScenario = {
      policies: { permissionBoundary: ref([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) },
      resourceAccount: ACCOUNT,
    };
    const oldP = doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
    const newP = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const newSet = withPolicy(base, newP, 'IDENTITY_POLICY', 'new');
    const oldSet = withPolicy(base, oldP, 'IDENTITY_POLICY', 'existing');
    expect((await checkSetNoNewAccess(newSet, oldSet, { principal: ROLE })).result).toBe('PASS');
    // Without the boundary the new policy grants more.
    const unbounded = await checkSetNoNewAccess(
      withPolicy({ policies: {} }, newP, 'IDENTITY_POLICY'),
      withPolicy({ policies: {} }, oldP, 'IDENTITY_POLICY'),
      { principal: ROLE },
    );
    expect(unbounded.result).toBe('FAIL');
    expect(unbounded.counterexample!.existingPolicyDecision).toBe('ImplicitDeny');
  });

  it('a public bucket policy behind an RCP that denies everyone outside the organization: PASS', async () => {
    const bucket = ref([
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
    ]);
    const rcp = ref([
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abcdefghij' },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
    ]);
    const policies: PolicySet = { resource: bucket, rcps: [[rcp]] };
    const open = await checkSetNoPublicAccess(
      { policies: { resource: bucket } },
      { resourceType: 'AWS::S3::Bucket' },
    );
    expect(open.result).toBe('FAIL');
    const guarded = await checkSetNoPublicAccess({ policies }, { resourceType: 'AWS::S3::Bucket' });
    // Service-linked roles are outside RCPs, so a public grant still reaches them.
    expect(guarded.result).toBe('FAIL');
    expect(guarded.counterexample!.request.principal).toMatch(/AWSServiceRoleFor|aws-service-role/);
  });
});

describe('the principal a set check is limited to', () => {
  it('a role with a path covers its sessions, whose ARNs name the role without the path', async () => {
    // aws:PrincipalArn of a role session is the role's ARN, which the session ARN carries without
    // the path: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
    const pathRole = `arn:aws:iam::${ACCOUNT}:role/team/deployer`;
    const set: PolicySetScenario = {
      policies: {
        identity: [
          ref([
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: { StringEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/deployer` } },
            },
          ]),
        ],
      },
      resourceAccount: ACCOUNT,
    };
    const r = await checkSetAccessNotGranted(set, { actions: ['s3:GetObject'] }, { principal: pathRole });
    replays(set, r);
    expect(r.counterexample!.request.principal).toMatch(
      new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/deployer/`),
    );
    // Another role of the same name elsewhere is not this principal.
    const other = await checkSetAccessNotGranted(
      set,
      { actions: ['s3:GetObject'] },
      { principal: `arn:aws:iam::444455556666:role/deployer` },
    );
    expect(other.result).toBe('PASS');
  });
});
