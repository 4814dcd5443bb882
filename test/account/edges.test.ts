/**
 * One minimal snapshot per edge kind: the positive case, and look-alikes that must not give the
 * edge. Each cites the pathfinding.cloud entry (DataDog/pathfinding.cloud data/paths) and the
 * AWS page whose rule it follows.
 */
import { describe, expect, it } from 'vitest';
import { escalation, type UnknownPath, unknownKey } from '../../src/account/escalation.js';
import { escalationJson } from '../../src/report/account.js';
import {
  A,
  allow,
  analyse,
  credentials,
  deny,
  doc,
  indexOf,
  OTHER,
  pathTo,
  policyArn,
  roleArn,
  start,
  trust,
  userArn,
} from './build.js';

const ADMIN = doc(allow('*'));
const acctTrust = trust({ AWS: `arn:aws:iam::${A}:root` });
const lambdaTrust = trust({ Service: 'lambda.amazonaws.com' });
const ec2Trust = trust({ Service: 'ec2.amazonaws.com' });

describe('sts-001: assume a role (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html)', () => {
  it('a trust policy naming the user needs no identity-based allow (PF sts-001, PM NODE_MATCH)', () => {
    const r = analyse({
      users: [{ name: 'u' }],
      roles: [{ name: 'admin', trust: trust({ AWS: userArn('u') }), policies: [ADMIN] }],
    });
    expect(pathTo(r, userArn('u'))).toEqual(['sts-001', null]);
    const step = start(r, userArn('u')).reaches[0].path[0];
    expect(step.actions).toEqual([]);
    expect(step.statements.map((s) => s.policyType)).toEqual(['resource']);
  });

  it('a trust policy naming the account needs the identity-based allow too', () => {
    const r = analyse({
      users: [{ name: 'u' }],
      roles: [{ name: 'admin', trust: acctTrust, policies: [ADMIN] }],
    });
    expect(start(r, userArn('u')).canEscalate).toBe(false);
    const ok = analyse({
      users: [{ name: 'u', policies: [doc(allow('sts:AssumeRole', roleArn('admin')))] }],
      roles: [{ name: 'admin', trust: acctTrust, policies: [ADMIN] }],
    });
    expect(pathTo(ok, userArn('u'))).toEqual(['sts-001', null]);
    expect(start(ok, userArn('u')).reaches[0].path[0].actions).toEqual(['sts:AssumeRole']);
  });

  it('a trust policy that trusts another account does not let the user in', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [doc(allow('sts:AssumeRole'))] }],
      roles: [{ name: 'admin', trust: trust({ AWS: `arn:aws:iam::${OTHER}:root` }), policies: [ADMIN] }],
    });
    expect(start(r, userArn('u')).reaches).toEqual([]);
  });

  it('an explicit deny in the user policy blocks (evaluation logic: explicit deny wins)', () => {
    const r = analyse({
      users: [
        { name: 'u', policies: [doc(allow('sts:AssumeRole'), deny('sts:AssumeRole', roleArn('admin')))] },
      ],
      roles: [{ name: 'admin', trust: acctTrust, policies: [ADMIN] }],
    });
    expect(start(r, userArn('u')).canEscalate).toBe(false);
  });

  it('an SCP deny blocks (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html)', () => {
    const spec = {
      users: [{ name: 'u', policies: [doc(allow('sts:AssumeRole'))] }],
      roles: [{ name: 'admin', trust: acctTrust, policies: [ADMIN] }],
    };
    expect(start(analyse(spec), userArn('u')).canEscalate).toBe(true);
    const blocked = analyse({ ...spec, scps: [[doc(allow('*'), deny('sts:AssumeRole'))]] });
    expect(start(blocked, userArn('u')).canEscalate).toBe(false);
  });

  it('a permissions boundary without sts:AssumeRole blocks (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [doc(allow('sts:AssumeRole'))], boundary: policyArn('b') }],
      roles: [{ name: 'admin', trust: acctTrust, policies: [ADMIN] }],
      managed: [{ name: 'b', versions: [doc(allow('s3:*'))] }],
    });
    expect(start(r, userArn('u')).canEscalate).toBe(false);
  });

  it('follows chains: user -> role -> role -> admin', () => {
    const spec = {
      users: [{ name: 'u' }],
      roles: [
        { name: 'a', trust: trust({ AWS: userArn('u') }), policies: [doc(allow('s3:GetObject'))] },
        { name: 'b', trust: trust({ AWS: roleArn('a') }), policies: [doc(allow('ec2:Describe*'))] },
        { name: 'c', trust: trust({ AWS: roleArn('b') }), policies: [ADMIN] },
      ],
    };
    const r = analyse(spec);
    expect(pathTo(r, userArn('u'))).toEqual(['sts-001', 'sts-001', 'sts-001', null]);
    // By default a start that reaches admin reports that path alone; allReaches lists the rest.
    expect(start(r, userArn('u')).reaches.map((x) => x.target)).toEqual(['admin']);
    const all = analyse(spec, {}, true);
    expect(start(all, userArn('u')).reaches.find((x) => x.target === roleArn('a'))?.escalates).toBe(true);
  });
});

describe('credentials: iam-002/003/004/006 (quota of 2 keys: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)', () => {
  const base = (extra: object[] = [], report?: Array<Record<string, string>>) => ({
    users: [
      { name: 'u', policies: [doc(allow('iam:CreateAccessKey', userArn('admin')), ...extra)] },
      { name: 'admin', policies: [ADMIN] },
    ],
    ...(report ? { credentialReport: report } : {}),
  });

  it('iam-002: CreateAccessKey on a user with fewer than 2 keys', () => {
    const r = analyse(base([], [credentials('u'), credentials('admin', { keys: 1 })]));
    expect(pathTo(r, userArn('u'))).toEqual(['iam-002', null]);
  });

  it('iam-003: a user with 2 keys needs DeleteAccessKey too', () => {
    const two = [credentials('u'), credentials('admin', { keys: 2 })];
    expect(start(analyse(base([], two)), userArn('u')).canEscalate).toBe(false);
    expect(
      pathTo(analyse(base([allow('iam:DeleteAccessKey', userArn('admin'))], two)), userArn('u')),
    ).toEqual(['iam-003', null]);
  });

  it('without the credential report the edge is conditional on the unknown key count', () => {
    const r = analyse(base());
    const step = start(r, userArn('u')).reaches[0].path[0];
    expect(step.pathId).toBe('iam-002');
    expect(step.preconditions[0]).toMatch(/credential report missing/);
    expect(r.notes.join('\n')).toMatch(/credential-report\.csv .* is missing/);
  });

  it('iam-004 / iam-006: login profile by password state; a user with MFA is not reachable by password', () => {
    const spec = (report: Record<string, string>, action: string) => ({
      users: [
        { name: 'u', policies: [doc(allow(action, userArn('admin')))] },
        { name: 'admin', policies: [ADMIN] },
      ],
      credentialReport: [credentials('u'), report],
    });
    expect(pathTo(analyse(spec(credentials('admin'), 'iam:CreateLoginProfile')), userArn('u'))).toEqual([
      'iam-004',
      null,
    ]);
    expect(
      start(analyse(spec(credentials('admin', { password: true }), 'iam:CreateLoginProfile')), userArn('u'))
        .canEscalate,
    ).toBe(false);
    expect(
      pathTo(analyse(spec(credentials('admin', { password: true }), 'iam:UpdateLoginProfile')), userArn('u')),
    ).toEqual(['iam-006', null]);
    expect(
      start(
        analyse(spec(credentials('admin', { password: true, mfa: true }), 'iam:UpdateLoginProfile')),
        userArn('u'),
      ).canEscalate,
    ).toBe(false);
  });
});

describe('iam-012: rewrite a trust policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html)', () => {
  const spec = (scps?: object[][]) => ({
    users: [{ name: 'u', policies: [doc(allow('iam:UpdateAssumeRolePolicy', roleArn('admin')))] }],
    roles: [{ name: 'admin', trust: trust({ Service: 'ec2.amazonaws.com' }), policies: [ADMIN] }],
    ...(scps ? { scps: scps as never } : {}),
  });
  it('needs no sts:AssumeRole allow once the trust names the start', () => {
    expect(pathTo(analyse(spec()), userArn('u'))).toEqual(['iam-012', null]);
  });
  it('an SCP denying sts:AssumeRole still blocks', () => {
    expect(start(analyse(spec([[doc(allow('*'), deny('sts:AssumeRole'))]])), userArn('u')).canEscalate).toBe(
      false,
    );
  });
});

describe('new resource with a passed role (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html)', () => {
  const lambdaUser = (passCondition?: object) =>
    doc(
      allow('iam:PassRole', roleArn('fn'), passCondition ? { Condition: passCondition } : {}),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    );

  it('lambda-001: PassRole + CreateFunction + InvokeFunction reaches the role', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [lambdaUser()] }],
      roles: [{ name: 'fn', trust: lambdaTrust, policies: [ADMIN] }],
    });
    expect(pathTo(r, userArn('u'))).toEqual(['lambda-001', null]);
    expect(start(r, userArn('u')).reaches[0].path[0].actions).toEqual([
      'iam:PassRole',
      'lambda:CreateFunction',
      'lambda:InvokeFunction',
    ]);
  });

  it('iam:PassedToService excluding lambda blocks (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService)', () => {
    const r = analyse({
      users: [
        {
          name: 'u',
          policies: [lambdaUser({ StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } })],
        },
      ],
      roles: [{ name: 'fn', trust: lambdaTrust, policies: [ADMIN] }],
    });
    expect(start(r, userArn('u')).canEscalate).toBe(false);
    const ok = analyse({
      users: [
        {
          name: 'u',
          policies: [lambdaUser({ StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } })],
        },
      ],
      roles: [{ name: 'fn', trust: lambdaTrust, policies: [ADMIN] }],
    });
    expect(start(ok, userArn('u')).canEscalate).toBe(true);
  });

  it("a service trust with aws:SourceAccount is evaluated with the start's account, not an empty context (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html)", () => {
    const guarded = (account: string) =>
      trust(
        { Service: 'lambda.amazonaws.com' },
        { Condition: { StringEquals: { 'aws:SourceAccount': account } } },
      );
    const own = analyse({
      users: [{ name: 'u', policies: [lambdaUser()] }],
      roles: [{ name: 'fn', trust: guarded(A), policies: [ADMIN] }],
    });
    expect(pathTo(own, userArn('u'))).toEqual(['lambda-001', null]);
    const other = analyse({
      users: [{ name: 'u', policies: [lambdaUser()] }],
      roles: [{ name: 'fn', trust: guarded(OTHER), policies: [ADMIN] }],
    });
    expect(start(other, userArn('u')).canEscalate).toBe(false);
  });

  it('a role that does not trust the service is not reached', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [lambdaUser()] }],
      roles: [{ name: 'fn', trust: ec2Trust, policies: [ADMIN] }],
    });
    expect(start(r, userArn('u')).reaches).toEqual([]);
  });

  it('PassRole only to a weaker role is a reach but not an escalation', () => {
    const spec = {
      users: [{ name: 'u', policies: [lambdaUser(), doc(allow('s3:GetObject', 'arn:aws:s3:::data/*'))] }],
      roles: [
        { name: 'fn', trust: lambdaTrust, policies: [doc(allow('s3:GetObject', 'arn:aws:s3:::data/*'))] },
      ],
    };
    expect(start(analyse(spec), userArn('u')).reaches).toEqual([]);
    const p = start(analyse(spec, {}, true), userArn('u'));
    expect(p.reaches.map((x) => [x.target, x.escalates])).toEqual([[roleArn('fn'), false]]);
    expect(p.canEscalate).toBe(false);
  });

  it('ec2-001 needs the role in an instance profile (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html)', () => {
    const user = {
      name: 'u',
      policies: [doc(allow('iam:PassRole', roleArn('box')), allow('ec2:RunInstances'))],
    };
    const none = analyse({ users: [user], roles: [{ name: 'box', trust: ec2Trust, policies: [ADMIN] }] });
    expect(start(none, userArn('u')).canEscalate).toBe(false);
    const withProfile = analyse({
      users: [user],
      roles: [{ name: 'box', trust: ec2Trust, policies: [ADMIN], profile: true }],
    });
    expect(pathTo(withProfile, userArn('u'))).toEqual(['ec2-001', null]);
  });

  it('cloudformation-001 checks cloudformation:RoleArn', () => {
    const user = (role: string) => ({
      name: 'u',
      policies: [
        doc(
          allow('iam:PassRole', roleArn('cfn')),
          allow('cloudformation:CreateStack', '*', {
            Condition: { ArnEquals: { 'cloudformation:RoleArn': roleArn(role) } },
          }),
        ),
      ],
    });
    const cfnRole = {
      name: 'cfn',
      trust: trust({ Service: 'cloudformation.amazonaws.com' }),
      policies: [ADMIN],
    };
    expect(pathTo(analyse({ users: [user('cfn')], roles: [cfnRole] }), userArn('u'))).toEqual([
      'cloudformation-001',
      null,
    ]);
    expect(start(analyse({ users: [user('other')], roles: [cfnRole] }), userArn('u')).canEscalate).toBe(
      false,
    );
  });
});

describe('existing resources need their inventory (spec §1 Inventories; PF lambda-004)', () => {
  const spec = (resources?: Record<string, unknown>) => ({
    users: [
      {
        name: 'u',
        policies: [
          doc(
            allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], `arn:aws:lambda:*:${A}:function:*`),
          ),
        ],
      },
    ],
    roles: [{ name: 'fn', trust: lambdaTrust, policies: [ADMIN] }],
    ...(resources ? { resources } : {}),
  });
  const functions = {
    Functions: [
      { FunctionName: 'app', FunctionArn: `arn:aws:lambda:eu-west-1:${A}:function:app`, Role: roleArn('fn') },
    ],
  };

  it('lambda-004: an existing function running as a role is an edge', () => {
    const r = analyse(spec({ 'lambda list-functions': functions }));
    expect(pathTo(r, userArn('u'))).toEqual(['lambda-004', null]);
  });

  it('an absent inventory makes the path unknown, never existing', () => {
    const p = start(analyse(spec()), userArn('u'));
    expect(p.canEscalate).toBe(false);
    expect(p.unknown.find((u) => u.pathId === 'lambda-004')?.missing).toBe(
      'resources/lambda list-functions.json (aws lambda list-functions) is missing from the snapshot',
    );
  });

  it('an inventory that lists no function gives no edge', () => {
    const p = start(analyse(spec({ 'lambda list-functions': { Functions: [] } })), userArn('u'));
    expect(p.canEscalate).toBe(false);
    expect(p.unknown.filter((u) => u.pathId === 'lambda-004')).toEqual([]);
  });
});

describe('unknown paths are listed once (docs/escalation.md, Output)', () => {
  // Two roles the start can assume share one policy: each could do lambda-004 on an existing
  // function, and the snapshot has no function inventory.
  const lambdaWriter = doc(
    allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], `arn:aws:lambda:*:${A}:function:*`),
  );
  const spec = {
    users: [
      { name: 'u', policies: [doc(allow('sts:AssumeRole', `arn:aws:iam::${A}:role/dev-*`))] },
      { name: 'v', policies: [lambdaWriter] },
    ],
    roles: [
      { name: 'dev-a', trust: acctTrust, policies: [lambdaWriter] },
      { name: 'dev-b', trust: acctTrust, policies: [lambdaWriter] },
    ],
  };

  it('per principal, once however many reached nodes leave it unknown', () => {
    const r = analyse(spec, {}, true);
    const u = start(r, userArn('u'));
    expect(u.reaches.map((x) => x.target).sort()).toEqual([roleArn('dev-a'), roleArn('dev-b')]);
    expect(u.unknown.map((x) => x.pathId).filter((id) => id === 'lambda-004')).toEqual(['lambda-004']);
    const keys = u.unknown.map(unknownKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(0);
  });

  it('--format json writes each distinct unknown path once, referenced by position', () => {
    const r = analyse(spec, {}, true);
    const json = JSON.parse(escalationJson(r, new Map()));
    const keys = json.unknownPaths.map(unknownKey);
    expect(new Set(keys).size).toBe(keys.length);
    // u (through two roles) and v (its own policy) share the lambda-004 entry.
    const lambda = json.unknownPaths.findIndex((x: UnknownPath) => x.pathId === 'lambda-004');
    expect(lambda).toBeGreaterThanOrEqual(0);
    for (const p of json.principals) {
      const library = start(r, p.principal).unknown;
      expect(p.unknown.map((i: number) => json.unknownPaths[i])).toEqual(library);
    }
    const using = json.principals.filter((p: { unknown: number[] }) => p.unknown.includes(lambda));
    expect(using.map((p: { principal: string }) => p.principal).sort()).toEqual(
      [roleArn('dev-a'), roleArn('dev-b'), userArn('u'), userArn('v')].sort(),
    );
  });
});

describe('self-escalation (PF iam-001/005/007/009/013)', () => {
  it('iam-005: PutRolePolicy on itself makes a role admin', () => {
    const r = analyse({
      roles: [{ name: 'r', trust: ec2Trust, policies: [doc(allow('iam:PutRolePolicy', roleArn('r')))] }],
    });
    expect(pathTo(r, roleArn('r'))).toEqual(['iam-005']);
  });

  it('a permissions boundary caps what the role can give itself', () => {
    const r = analyse({
      roles: [
        {
          name: 'r',
          trust: ec2Trust,
          policies: [doc(allow('iam:PutRolePolicy', roleArn('r')))],
          boundary: policyArn('b'),
        },
      ],
      managed: [{ name: 'b', versions: [doc(allow(['iam:PutRolePolicy', 's3:*']))] }],
    });
    expect(start(r, roleArn('r')).canEscalate).toBe(false);
  });

  it('iam-007: PutUserPolicy on the aws:username policy variable (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html)', () => {
    const r = analyse({
      users: [
        {
          name: 'u',
          policies: [doc(allow('iam:PutUserPolicy', `arn:aws:iam::${A}:user/$` + '{aws:username}'))],
        },
      ],
    });
    expect(pathTo(r, userArn('u'))).toEqual(['iam-007']);
  });

  it('iam-001: CreatePolicyVersion on an attached policy; 5 versions also need DeletePolicyVersion (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html)', () => {
    const p = doc(allow('iam:CreatePolicyVersion', policyArn('mine')));
    const ok = analyse({
      users: [{ name: 'u', attached: [policyArn('mine')] }],
      managed: [{ name: 'mine', versions: [p] }],
    });
    expect(pathTo(ok, userArn('u'))).toEqual(['iam-001']);
    const full = analyse({
      users: [{ name: 'u', attached: [policyArn('mine')] }],
      managed: [{ name: 'mine', versions: [p, p, p, p, p] }],
    });
    expect(start(full, userArn('u')).canEscalate).toBe(false);
  });

  it('SetDefaultPolicyVersion to a stronger old version (no PF id; Rhino method 2)', () => {
    const r = analyse({
      users: [{ name: 'u', attached: [policyArn('mine')] }],
      managed: [
        { name: 'mine', versions: [ADMIN, doc(allow('iam:SetDefaultPolicyVersion', policyArn('mine')))] },
      ],
    });
    const p = start(r, userArn('u'));
    expect(p.reaches[0].path.map((s) => [s.pathId, s.actions[0]])).toEqual([
      [null, 'iam:SetDefaultPolicyVersion'],
    ]);
  });

  it('iam-009: AttachRolePolicy only with the admin policy ARN allowed by iam:PolicyARN', () => {
    const attach = (policy: string) =>
      doc(
        allow('iam:AttachRolePolicy', roleArn('r'), {
          Condition: { ArnEquals: { 'iam:PolicyARN': policy } },
        }),
      );
    const ro = analyse({
      roles: [{ name: 'r', trust: ec2Trust, policies: [attach('arn:aws:iam::aws:policy/ReadOnlyAccess')] }],
    });
    expect(start(ro, roleArn('r')).canEscalate).toBe(false);
    const adm = analyse({
      roles: [
        { name: 'r', trust: ec2Trust, policies: [attach('arn:aws:iam::aws:policy/AdministratorAccess')] },
      ],
    });
    expect(pathTo(adm, roleArn('r'))).toEqual(['iam-009']);
  });

  it('iam-013: AddUserToGroup with an administrator group', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [doc(allow('iam:AddUserToGroup', `arn:aws:iam::${A}:group/admins`))] }],
      groups: [{ name: 'admins', policies: [ADMIN] }],
    });
    expect(pathTo(r, userArn('u'))).toEqual(['iam-013']);
  });

  it('an admin start never escalates', () => {
    const r = analyse({ users: [{ name: 'root-ish', policies: [ADMIN] }] });
    expect(start(r, userArn('root-ish'))).toMatchObject({ admin: true, canEscalate: false, reaches: [] });
  });
});

describe('modify another principal, then act as it (PF iam-014 ... iam-021, spec §3.1)', () => {
  it('iam-017: PutRolePolicy on a role the start can assume', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [doc(allow('iam:PutRolePolicy', roleArn('weak')))] }],
      roles: [
        { name: 'weak', trust: trust({ AWS: userArn('u') }), policies: [doc(allow('s3:ListAllMyBuckets'))] },
      ],
    });
    expect(pathTo(r, userArn('u'))).toEqual(['iam-017', 'sts-001', null]);
  });

  it('iam-021: PutRolePolicy + UpdateAssumeRolePolicy', () => {
    const r = analyse({
      users: [
        {
          name: 'u',
          policies: [doc(allow(['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], roleArn('weak')))],
        },
      ],
      roles: [{ name: 'weak', trust: ec2Trust, policies: [doc(allow('s3:ListAllMyBuckets'))] }],
    });
    expect(pathTo(r, userArn('u'))).toEqual(['iam-021', 'iam-012', null]);
  });

  it('without a way to act as the modified role there is no path', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [doc(allow('iam:PutRolePolicy', roleArn('weak')))] }],
      roles: [{ name: 'weak', trust: ec2Trust, policies: [doc(allow('s3:ListAllMyBuckets'))] }],
    });
    expect(start(r, userArn('u')).canEscalate).toBe(false);
  });
});

describe('new principal (PMapper CreateRole + attach/put, spec §2.1)', () => {
  it('CreateRole + PutRolePolicy reaches admin', () => {
    const r = analyse({
      users: [{ name: 'u', policies: [doc(allow(['iam:CreateRole', 'iam:PutRolePolicy']))] }],
    });
    expect(start(r, userArn('u')).reaches[0].path.map((s) => s.kind)).toEqual(['new-principal']);
  });

  it('a boundary forced through iam:PermissionsBoundary caps the new role', () => {
    const r = analyse({
      users: [
        {
          name: 'u',
          policies: [
            doc(
              allow(['iam:CreateRole', 'iam:PutRolePolicy'], '*', {
                Condition: { ArnEquals: { 'iam:PermissionsBoundary': policyArn('dev-boundary') } },
              }),
            ),
          ],
        },
      ],
      managed: [{ name: 'dev-boundary', versions: [doc(allow('s3:*'))], boundaryUses: 1 }],
    });
    expect(start(r, userArn('u')).canEscalate).toBe(false);
  });
});

// The pre-filter before evaluating sts:AssumeRole, trust rewrites and policy writes must only skip
// what evaluation would deny: a policy variable in Resource is resolved from the request context,
// which holds the --context keys and the keys the evaluator derives from the principal.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
describe('pre-filter: Resource policy variables resolved by the request context', () => {
  const tagged = `arn:aws:iam::${A}:role/\${aws:PrincipalTag/team}-admin`;
  const spec = (resource: string, action = 'sts:AssumeRole') => ({
    users: [{ name: 'u', policies: [doc(allow(action, resource))] }],
    roles: [{ name: 'blue-admin', trust: acctTrust, policies: [ADMIN] }],
  });

  it('escalation({context}) resolves the aws:PrincipalTag/team variable (sts-001)', () => {
    const ix = indexOf(spec(tagged));
    expect(start(escalation(ix), userArn('u')).canEscalate).toBe(false);
    const r = escalation(ix, { context: { 'aws:PrincipalTag/team': 'blue' } });
    expect(pathTo(r, userArn('u'))).toEqual(['sts-001', null]);
    // A value that names another role keeps the start out.
    const red = escalation(ix, { context: { 'aws:PrincipalTag/team': 'red' } });
    expect(start(red, userArn('u')).canEscalate).toBe(false);
  });

  it('escalation({context}) resolves it for a trust rewrite too (iam-012)', () => {
    const ix = indexOf(spec(tagged, 'iam:UpdateAssumeRolePolicy'));
    const r = escalation(ix, { context: { 'aws:PrincipalTag/team': 'blue' } });
    expect(pathTo(r, userArn('u'))).toEqual(['iam-012', null]);
    expect(start(escalation(ix), userArn('u')).canEscalate).toBe(false);
  });

  it('a key the evaluator derives (aws:PrincipalAccount) is not pruned', () => {
    const r = escalation(indexOf(spec(`arn:aws:iam::\${aws:PrincipalAccount}:role/blue-admin`)));
    expect(pathTo(r, userArn('u'))).toEqual(['sts-001', null]);
    const other = escalation(indexOf(spec(`arn:aws:iam::\${aws:PrincipalAccount}:role/red-admin`)));
    expect(start(other, userArn('u')).canEscalate).toBe(false);
  });
});
