/**
 * Every edge kind against the three guardrails that must block it: for each kind, a minimal
 * snapshot where the start reaches admin through that edge, and the same snapshot with (1) an
 * explicit deny of the edge's key action in the start's own policy, (2) an SCP denying it,
 * (3) a permissions boundary that leaves it out. Each look-alike must lose the edge.
 * - explicit deny wins: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * - SCPs: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 * - boundaries: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 * Path ids: DataDog pathfinding.cloud (data/paths); PMapper's extras have none.
 */
import { describe, expect, it } from 'vitest';
import type { EdgeKind } from '../../src/account/escalation.js';
import {
  A,
  allow,
  analyse,
  credentials,
  type Doc,
  deny,
  doc,
  OTHER,
  policyArn,
  roleArn,
  type Spec,
  start,
  trust,
  userArn,
} from './build.js';

const ADMIN = doc(allow('*'));
const acctTrust = trust({ AWS: `arn:aws:iam::${A}:root` });
const lambdaTrust = trust({ Service: 'lambda.amazonaws.com' });
const FUNCTIONS = `arn:aws:lambda:*:${A}:function:*`;
const inventory = (role: string) => ({
  'lambda list-functions': {
    Functions: [
      { FunctionName: 'app', FunctionArn: `arn:aws:lambda:us-east-1:${A}:function:app`, Role: roleArn(role) },
    ],
  },
});

interface Case {
  kind: EdgeKind;
  pathIds: Array<string | null>;
  /** The request the guardrails deny. */
  key: string;
  /** The start `u`'s own policy, and the rest of the snapshot. */
  policy: Doc;
  rest: Spec;
}

const CASES: Case[] = [
  {
    kind: 'assume',
    pathIds: ['sts-001', null],
    key: 'sts:AssumeRole',
    policy: doc(allow('sts:AssumeRole', roleArn('admin'))),
    rest: { roles: [{ name: 'admin', trust: acctTrust, policies: [ADMIN] }] },
  },
  {
    kind: 'credential',
    pathIds: ['iam-002', null],
    key: 'iam:CreateAccessKey',
    policy: doc(allow('iam:CreateAccessKey', userArn('admin'))),
    rest: {
      users: [{ name: 'admin', policies: [ADMIN] }],
      credentialReport: [credentials('u'), credentials('admin', { keys: 1 })],
    },
  },
  {
    kind: 'trust-rewrite',
    pathIds: ['iam-012', null],
    key: 'iam:UpdateAssumeRolePolicy',
    policy: doc(allow('iam:UpdateAssumeRolePolicy', roleArn('admin'))),
    rest: {
      roles: [{ name: 'admin', trust: trust({ AWS: `arn:aws:iam::${OTHER}:root` }), policies: [ADMIN] }],
    },
  },
  {
    kind: 'new-passrole',
    pathIds: ['lambda-001', null],
    key: 'iam:PassRole',
    policy: doc(
      allow('iam:PassRole', roleArn('fn')),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], FUNCTIONS),
    ),
    rest: { roles: [{ name: 'fn', trust: lambdaTrust, policies: [ADMIN] }] },
  },
  {
    kind: 'existing-resource',
    pathIds: ['lambda-004', null],
    key: 'lambda:UpdateFunctionCode',
    policy: doc(allow(['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], FUNCTIONS)),
    rest: { roles: [{ name: 'fn', trust: lambdaTrust, policies: [ADMIN] }], resources: inventory('fn') },
  },
  {
    // PMapper's Lambda role swap: the existing function is given another role.
    kind: 'existing-passrole',
    pathIds: [null, null],
    key: 'iam:PassRole',
    policy: doc(
      allow('iam:PassRole', roleArn('fn-admin')),
      allow(['lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration'], FUNCTIONS),
    ),
    rest: {
      roles: [
        { name: 'fn-weak', trust: lambdaTrust, policies: [doc(allow('logs:PutLogEvents'))] },
        { name: 'fn-admin', trust: lambdaTrust, policies: [ADMIN] },
      ],
      resources: {
        ...inventory('fn-weak'),
        'lambda list-event-source-mappings': { EventSourceMappings: [] },
      },
    },
  },
  {
    kind: 'modify',
    pathIds: ['iam-017', 'sts-001', null],
    key: 'iam:PutRolePolicy',
    policy: doc(allow('iam:PutRolePolicy', roleArn('weak'))),
    rest: {
      roles: [
        { name: 'weak', trust: trust({ AWS: userArn('u') }), policies: [doc(allow('s3:ListAllMyBuckets'))] },
      ],
    },
  },
  {
    kind: 'self-modify',
    pathIds: ['iam-007'],
    key: 'iam:PutUserPolicy',
    policy: doc(allow('iam:PutUserPolicy', userArn('u'))),
    rest: {},
  },
  {
    kind: 'self-modify',
    pathIds: ['iam-013'],
    key: 'iam:AddUserToGroup',
    policy: doc(allow('iam:AddUserToGroup', `arn:aws:iam::${A}:group/admins`)),
    rest: { groups: [{ name: 'admins', policies: [ADMIN] }] },
  },
  {
    kind: 'new-principal',
    pathIds: [null],
    key: 'iam:CreateRole',
    policy: doc(allow(['iam:CreateRole', 'iam:PutRolePolicy'])),
    rest: {},
  },
];

type Blocker = 'none' | 'explicit deny' | 'SCP deny' | 'boundary';

function build(c: Case, blocker: Blocker): Spec {
  const policies = [c.policy, ...(blocker === 'explicit deny' ? [doc(deny(c.key))] : [])];
  const boundary = blocker === 'boundary' ? policyArn('boundary') : undefined;
  return {
    ...c.rest,
    users: [{ name: 'u', policies, ...(boundary ? { boundary } : {}) }, ...(c.rest.users ?? [])],
    managed: [
      ...(c.rest.managed ?? []),
      // Everything but the key action (and nothing the start could use instead).
      { name: 'boundary', versions: [doc({ Effect: 'Allow', NotAction: c.key, Resource: '*' })] },
    ],
    ...(blocker === 'SCP deny' ? { scps: [[doc(allow('*'), deny(c.key))]] } : {}),
  };
}

describe('every edge kind: reached, and blocked by an explicit deny, an SCP and a boundary', () => {
  for (const c of CASES) {
    const label = `${c.kind} (${c.pathIds.filter((x) => x).join(' > ') || 'PMapper'}, ${c.key})`;
    it(`${label}: the edge reaches admin`, () => {
      const p = start(analyse(build(c, 'none')), userArn('u'));
      const path = p.reaches.find((r) => r.target === 'admin')?.path;
      expect(path?.map((s) => s.pathId)).toEqual(c.pathIds);
      expect(path?.[0].kind).toBe(c.kind);
    });
    for (const blocker of ['explicit deny', 'SCP deny', 'boundary'] as const) {
      it(`${label}: ${blocker} of ${c.key} blocks it`, () => {
        const p = start(analyse(build(c, blocker), {}, true), userArn('u'));
        expect(p.reaches.find((r) => r.target === 'admin')).toBeUndefined();
        expect(
          p.reaches.filter((r) => r.path[0]?.kind === c.kind && r.path[0].pathId === c.pathIds[0]),
        ).toEqual([]);
      });
    }
  }
});
