/**
 * Random small account snapshots for property tests of the escalation search: users, roles,
 * groups, managed policies with several versions, boundaries, SCP denies, PassRole, trust
 * policies naming principals, the account or services (with confused-deputy conditions).
 */
import fc from 'fast-check';
import { A, allow, type Doc, deny, doc, policyArn, roleArn, type Spec, trust, userArn } from './build.js';

const groupArn = (n: string) => `arn:aws:iam::${A}:group/${n}`;

interface Names {
  users: string[];
  roles: string[];
  groups: string[];
  managed: string[];
}

/** One statement that makes (or blocks) an edge of some kind, naming principals of the snapshot. */
function statement(names: Names): fc.Arbitrary<object> {
  const user = fc.constantFrom(...names.users);
  const role = fc.constantFrom(...names.roles);
  const anyRole = fc.oneof(
    role.map(roleArn),
    fc.constant(`arn:aws:iam::${A}:role/*`),
    fc.constant(`arn:aws:iam::${A}:role/r*`),
  );
  const kinds: fc.Arbitrary<object>[] = [
    anyRole.map((r) => allow('sts:AssumeRole', r)),
    fc
      .tuple(anyRole, fc.constantFrom('lambda.amazonaws.com', 'ec2.amazonaws.com', undefined))
      .map(([r, svc]) =>
        allow('iam:PassRole', r, svc ? { Condition: { StringEquals: { 'iam:PassedToService': svc } } } : {}),
      ),
    fc.constant(
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction'], `arn:aws:lambda:*:${A}:function:*`),
    ),
    // The three requests of lambda-001 in one statement, so new-passrole edges are common.
    fc.constant(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])),
    fc.constant(allow(['ec2:RunInstances'])),
    role.map((r) => allow(['iam:PutRolePolicy', 'iam:AttachRolePolicy'], roleArn(r))),
    role.map((r) => allow('iam:UpdateAssumeRolePolicy', roleArn(r))),
    user.map((u) => allow(['iam:PutUserPolicy', 'iam:AttachUserPolicy'], userArn(u))),
    user.map((u) => allow('iam:CreateAccessKey', userArn(u))),
    user.map((u) => allow('iam:UpdateLoginProfile', userArn(u))),
    fc.constant(allow('iam:AddUserToGroup', `arn:aws:iam::${A}:group/*`)),
    fc.constant(allow(['iam:CreateRole', 'iam:PutRolePolicy'], `arn:aws:iam::${A}:role/*`)),
    fc.constant(allow('s3:GetObject', 'arn:aws:s3:::data/*')),
    fc.constant(allow('dynamodb:PutItem', `arn:aws:dynamodb:us-east-1:${A}:table/t`)),
    fc.constant(deny('iam:PassRole')),
    role.map((r) => deny('sts:AssumeRole', roleArn(r))),
  ];
  if (names.managed.length) {
    const m = fc.constantFrom(...names.managed).map(policyArn);
    kinds.push(m.map((p) => allow('iam:CreatePolicyVersion', p)));
    kinds.push(m.map((p) => allow('iam:SetDefaultPolicyVersion', p)));
  }
  if (names.groups.length) {
    kinds.push(fc.constantFrom(...names.groups).map((g) => allow('iam:PutGroupPolicy', groupArn(g))));
  }
  return fc.oneof(...kinds);
}

function policy(names: Names, admin: number): fc.Arbitrary<Doc> {
  return fc.oneof(
    { weight: admin, arbitrary: fc.constant(doc(allow('*'))) },
    {
      weight: 10,
      arbitrary: fc.array(statement(names), { minLength: 1, maxLength: 3 }).map((s) => doc(...s)),
    },
  );
}

function trustPolicy(names: Names): fc.Arbitrary<Doc> {
  return fc.oneof(
    fc.constant(trust({ AWS: `arn:aws:iam::${A}:root` })),
    fc.constantFrom(...names.users).map((u) => trust({ AWS: userArn(u) })),
    fc.constantFrom(...names.roles).map((r) => trust({ AWS: roleArn(r) })),
    fc.constant(trust({ Service: 'lambda.amazonaws.com' })),
    fc.constant(trust({ Service: 'ec2.amazonaws.com' })),
    // A confused-deputy condition the service satisfies only for the snapshot's own account.
    fc
      .constantFrom(A, '999988887777')
      .map((acct) =>
        trust(
          { Service: 'lambda.amazonaws.com' },
          { Condition: { StringEquals: { 'aws:SourceAccount': acct } } },
        ),
      ),
  );
}

export const specArb: fc.Arbitrary<Spec> = fc
  .record({
    users: fc.integer({ min: 1, max: 5 }),
    roles: fc.integer({ min: 1, max: 6 }),
    groups: fc.integer({ min: 0, max: 2 }),
    managed: fc.integer({ min: 0, max: 3 }),
  })
  .chain((n) => {
    const names: Names = {
      users: Array.from({ length: n.users }, (_, i) => `u${i}`),
      roles: Array.from({ length: n.roles }, (_, i) => `r${i}`),
      groups: Array.from({ length: n.groups }, (_, i) => `g${i}`),
      managed: Array.from({ length: n.managed }, (_, i) => `m${i}`),
    };
    const managedArn = names.managed.length
      ? fc.constantFrom(...names.managed).map(policyArn)
      : fc.constant(undefined);
    const attached = names.managed.length
      ? fc.subarray(names.managed.map(policyArn), { maxLength: Math.min(2, names.managed.length) })
      : fc.constant([] as string[]);
    const boundary = fc.option(managedArn, { freq: 3 }).map((b) => b ?? undefined);
    return fc.record({
      users: fc.tuple(
        ...names.users.map((name) =>
          fc.record({
            name: fc.constant(name),
            policies: fc.array(policy(names, 1), { maxLength: 2 }),
            groups: fc.subarray(names.groups),
            attached,
            boundary,
          }),
        ),
      ),
      roles: fc.tuple(
        ...names.roles.map((name) =>
          fc.record({
            name: fc.constant(name),
            trust: trustPolicy(names),
            policies: fc.array(policy(names, 2), { maxLength: 2 }),
            attached,
            boundary,
            profile: fc.boolean(),
          }),
        ),
      ),
      groups: fc.tuple(
        ...names.groups.map((name) =>
          fc.record({
            name: fc.constant(name),
            policies: fc.array(policy(names, 1), { maxLength: 1 }),
            attached,
          }),
        ),
      ),
      managed: fc.tuple(
        ...names.managed.map((name) =>
          fc.record({
            name: fc.constant(name),
            // Several versions, the default not always the last (SetDefaultPolicyVersion, Rhino method 2).
            versions: fc.array(policy(names, 2), { minLength: 1, maxLength: 3 }),
            default: fc.constant(0),
            boundaryUses: fc.constantFrom(0, 1),
          }),
        ),
      ),
      scps: fc.option(
        fc.constantFrom(
          [[doc(allow('*'), deny('iam:PutRolePolicy'))]],
          [[doc(allow('*'))], [doc(allow('*'), deny('sts:AssumeRole', roleArn('r0')))]],
          [
            [
              doc(
                allow('*'),
                deny('iam:PassRole', '*', {
                  Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
                }),
              ),
            ],
          ],
        ),
        { freq: 2 },
      ),
      resources: fc.option(fc.constant({ 'lambda list-functions': { Functions: [] } }), { freq: 2 }),
    });
  })
  .map((s) => {
    const spec: Spec = {
      users: s.users,
      roles: s.roles,
      groups: s.groups,
      managed: s.managed,
    };
    if (s.scps) spec.scps = s.scps.map((level) => [...level]);
    if (s.resources) spec.resources = s.resources;
    return spec;
  });
