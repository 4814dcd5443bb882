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
  analyzeSetExternalAccess,
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

/**
 * analyze over a policy set. Access Analyzer's external access findings leave RCPs out of the
 * evaluation and say so: resourceControlPolicyRestriction "APPLICABLE: There is an RCP present in the
 * organization but IAM Access Analyzer does not include it in the evaluation of effective
 * permissions ... NOT_APPLICABLE: There was no RCP present in the organization, or there was no RCP
 * applicable to the resource ... APPLIED: This restriction is not currently available for external
 * access findings" (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ExternalAccessDetails.html).
 * leastpriv reports the same findings and adds, per finding and for the resource, whether the
 * owner's RCPs leave the access to an external principal (ALLOWED, replayed on the whole set) or
 * block it (BLOCKED, a proof); SCPs do not govern principals of other accounts
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html:
 * "SCPs affect only IAM users and roles that are managed by accounts that are part of the organization").
 */
describe('analyze over a policy set (resource policy and RCPs)', () => {
  const BUCKET = ref(
    [
      {
        Sid: 'Partner',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: 'arn:aws:s3:::example-bucket/*',
      },
    ],
    'bucket',
  );
  const denyOutside = (action: string) =>
    ref(
      [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: action,
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ACCOUNT } },
        },
      ],
      `deny-${action}`,
    );
  const zone = { accounts: [ACCOUNT] };
  const ownerScenario = (set: PolicySetScenario, request: object) =>
    evaluate({
      request: request as never,
      resourceAccount: ACCOUNT,
      policies: {
        identity: [ADMIN],
        sessionPolicy: ADMIN,
        resource: set.policies.resource,
        ...(set.policies.rcps ? { rcps: set.policies.rcps } : {}),
      },
    }).decision;

  it('without RCPs: the finding as Access Analyzer reports it, NOT_APPLICABLE, effective ALLOWED (replays)', async () => {
    const set: PolicySetScenario = { resourceAccount: ACCOUNT, policies: { resource: BUCKET } };
    const r = await analyzeSetExternalAccess(set, { zoneOfTrust: zone, resourceType: 'AWS::S3::Bucket' });
    expect(r.unknown).toBeUndefined();
    expect(r.findings.map((f) => [f.principal, f.resourceControlPolicyRestriction])).toEqual([
      [{ AWS: '444455556666' }, 'NOT_APPLICABLE'],
    ]);
    const e = r.effective!;
    expect(e.result).toBe('ALLOWED');
    if (e.result === 'ALLOWED') expect(ownerScenario(set, e.example.request)).toBe('Allowed');
  });

  it('an RCP keeping other accounts out of S3: the finding stays (APPLICABLE); only service-linked roles, which RCPs do not govern, still get in', async () => {
    // "RCPs don't apply to ... actions performed by service-linked roles":
    // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
    const set: PolicySetScenario = {
      resourceAccount: ACCOUNT,
      policies: { resource: BUCKET, rcps: [[denyOutside('s3:*')]] },
    };
    const r = await analyzeSetExternalAccess(set, { zoneOfTrust: zone, resourceType: 'AWS::S3::Bucket' });
    expect(r.unknown).toBeUndefined();
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    // Access Analyzer's finding is unchanged: both actions, the RCP not evaluated.
    expect(f.action).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(f.resourceControlPolicyRestriction).toBe('APPLICABLE');
    const e = f.effective!;
    expect(e.result).toBe('ALLOWED');
    if (e.result !== 'ALLOWED') return;
    expect(e.example.request.principal).toMatch(
      /^arn:aws:iam::444455556666:role\/(aws-service-role\/.*\/)?AWSServiceRoleFor/,
    );
    expect(ownerScenario(set, e.example.request)).toBe('Allowed');
  });

  it('the same RCP on a grant to a named role: BLOCKED is proved, no external access', async () => {
    const toRole = ref(
      [
        {
          Sid: 'PartnerRole',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444455556666:role/partner' },
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::example-bucket/*',
        },
      ],
      'bucket',
    );
    const set: PolicySetScenario = {
      resourceAccount: ACCOUNT,
      policies: { resource: toRole, rcps: [[denyOutside('s3:*')]] },
    };
    const r = await analyzeSetExternalAccess(set, { zoneOfTrust: zone, resourceType: 'AWS::S3::Bucket' });
    expect(r.unknown).toBeUndefined();
    expect(r.findings.map((f) => f.principal)).toEqual([{ AWS: 'arn:aws:iam::444455556666:role/partner' }]);
    expect(r.findings[0].effective).toEqual({ result: 'BLOCKED' });
    expect(r.effective).toEqual({ result: 'BLOCKED' });
    // The finding's own example is allowed by the bucket policy alone, and denied by the set.
    expect(ownerScenario(set, r.findings[0].example.request)).not.toBe('Allowed');
  });

  it('an RCP that only blocks writes: the access stays effective for reads (the example replays)', async () => {
    const set: PolicySetScenario = {
      resourceAccount: ACCOUNT,
      policies: { resource: BUCKET, rcps: [[denyOutside('s3:PutObject')]] },
    };
    const r = await analyzeSetExternalAccess(set, { zoneOfTrust: zone, resourceType: 'AWS::S3::Bucket' });
    const e = r.findings[0].effective!;
    expect(e.result).toBe('ALLOWED');
    if (e.result !== 'ALLOWED') return;
    expect(e.example.request.action).not.toBe('s3:PutObject');
    expect(ownerScenario(set, e.example.request)).toBe('Allowed');
  });

  it('an RCP on another service is NOT_APPLICABLE to an S3 bucket and blocks nothing', async () => {
    const set: PolicySetScenario = {
      resourceAccount: ACCOUNT,
      policies: { resource: BUCKET, rcps: [[denyOutside('sqs:*')]] },
    };
    const r = await analyzeSetExternalAccess(set, { zoneOfTrust: zone, resourceType: 'AWS::S3::Bucket' });
    expect(r.findings[0].effective?.result).toBe('ALLOWED');
    expect(r.effective?.result).toBe('ALLOWED');
  });

  it('a public statement blocked for the public only: effective access asks every external principal', async () => {
    // The RCP lets in account 444455556666 only: the public finding stays effective through it.
    const pub = ref(
      [{ Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
      'bucket',
    );
    const rcp = ref(
      [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ['444455556666', ACCOUNT] } },
        },
      ],
      'partners-only',
    );
    const set: PolicySetScenario = { resourceAccount: ACCOUNT, policies: { resource: pub, rcps: [[rcp]] } };
    const r = await analyzeSetExternalAccess(set, { zoneOfTrust: zone, resourceType: 'AWS::S3::Bucket' });
    expect(r.findings.map((f) => f.isPublic)).toEqual([true]);
    const e = r.findings[0].effective!;
    expect(e.result).toBe('ALLOWED');
    if (e.result === 'ALLOWED') {
      expect(e.example.request.principal).toContain(':444455556666:');
      expect(ownerScenario(set, e.example.request)).toBe('Allowed');
    }
  });
});

/**
 * --principal patterns: the shared wildcard matcher (ArnLike) on the principal's ARN or its
 * aws:PrincipalArn ("For an assumed-role session, the ARN of the role"; the role ARN a session
 * carries has no path):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn
 * A PASS holds for every principal the pattern matches; a FAIL names one of them.
 */
describe('principal patterns', () => {
  // ops-admin may create users (through the bucket's same-account grant and its identity policy);
  // ops-reader may not: its identity policy is read-only.
  const set: PolicySetScenario = {
    principalAccount: ACCOUNT,
    policies: {
      identity: [
        ref(
          [
            {
              Effect: 'Allow',
              Action: 'iam:CreateUser',
              Resource: '*',
              Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/ops-admin` } },
            },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          ],
          'ops',
        ),
      ],
    },
  };
  const access = { actions: ['iam:CreateUser'] };
  const decide = (request: object) =>
    evaluate({
      request: request as never,
      principalAccount: ACCOUNT,
      resourceAccount: ACCOUNT,
      policies: set.policies,
    }).decision;

  it('a pattern matching an allowed and a denied role: FAIL, the counterexample is one the pattern matches', async () => {
    const r = await checkSetAccessNotGranted(set, access, {
      principal: `arn:aws:iam::${ACCOUNT}:role/ops-*`,
    });
    expect(r.result).toBe('FAIL');
    const q = r.counterexample!.request;
    expect(q.principal).toMatch(/(role|assumed-role)\/ops-admin/);
    expect(decide(q)).toBe('Allowed');
  });
  it('a pattern matching only the denied role (and its sessions): PASS', async () => {
    expect(
      (await checkSetAccessNotGranted(set, access, { principal: `arn:aws:iam::${ACCOUNT}:role/ops-r*` }))
        .result,
    ).toBe('PASS');
    expect(
      (await checkSetAccessNotGranted(set, access, { principal: `arn:aws:iam::${ACCOUNT}:role/ops-?eader` }))
        .result,
    ).toBe('PASS');
  });
  it('? matches exactly one character: ops-?dmin covers ops-admin (FAIL), ops-??dmin does not (PASS)', async () => {
    expect(
      (await checkSetAccessNotGranted(set, access, { principal: `arn:aws:iam::${ACCOUNT}:role/ops-?dmin` }))
        .result,
    ).toBe('FAIL');
    expect(
      (await checkSetAccessNotGranted(set, access, { principal: `arn:aws:iam::${ACCOUNT}:role/ops-??dmin` }))
        .result,
    ).toBe('PASS');
  });
  it('a pattern covers role sessions through their role ARN: the session of ops-admin is found', async () => {
    const r = await checkSetAccessNotGranted(set, access, {
      principal: `arn:aws:iam::${ACCOUNT}:role/ops-adm*`,
    });
    expect(r.result).toBe('FAIL');
    // Both the role and its sessions are in scope; whichever is shown replays.
    expect(decide(r.counterexample!.request)).toBe('Allowed');
  });
  it('* is every principal', async () => {
    expect((await checkSetAccessNotGranted(set, access, { principal: '*' })).result).toBe('FAIL');
  });
  it('a user pattern selects users only: no user may create users', async () => {
    expect(
      (await checkSetAccessNotGranted(set, access, { principal: `arn:aws:iam::${ACCOUNT}:user/*` })).result,
    ).toBe('PASS');
  });
});
