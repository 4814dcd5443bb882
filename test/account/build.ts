/** Minimal account snapshots for the edge tests, in get-account-authorization-details shape. */

import { type EscalationResult, escalation, type PrincipalEscalation } from '../../src/account/escalation.js';
import { AccountIndex } from '../../src/account/index.js';
import { snapshotFromValue } from '../../src/sources/account/index.js';

export const A = '111122223333';
export const OTHER = '444455556666';

export type Doc = { Version: string; Statement: object[] };
export const doc = (...Statement: object[]): Doc => ({ Version: '2012-10-17', Statement });
export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});
export const trust = (principal: object, extra: object = {}) =>
  doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

export const userArn = (n: string) => `arn:aws:iam::${A}:user/${n}`;
export const roleArn = (n: string) => `arn:aws:iam::${A}:role/${n}`;
export const policyArn = (n: string) => `arn:aws:iam::${A}:policy/${n}`;

export interface UserSpec {
  name: string;
  policies?: Doc[];
  groups?: string[];
  attached?: string[];
  boundary?: string;
}
export interface RoleSpec {
  name: string;
  trust: Doc;
  policies?: Doc[];
  attached?: string[];
  boundary?: string;
  profile?: boolean;
}
export interface Spec {
  users?: UserSpec[];
  roles?: RoleSpec[];
  groups?: Array<{ name: string; policies?: Doc[]; attached?: string[] }>;
  managed?: Array<{ name: string; versions: Doc[]; default?: number; boundaryUses?: number }>;
  scps?: Doc[][];
  resources?: Record<string, unknown>;
  resourcePolicies?: Array<{ arn: string; policy: Doc }>;
  credentialReport?: Array<Record<string, string>>;
}

const inline = (docs: Doc[] = []) => docs.map((d, i) => ({ PolicyName: `p${i}`, PolicyDocument: d }));
const attachedList = (arns: string[] = []) =>
  arns.map((a) => ({ PolicyName: a.split('/').pop(), PolicyArn: a }));
const pb = (arn?: string) =>
  arn ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn } } : {};

export function bundle(spec: Spec): object {
  return {
    authorizationDetails: {
      UserDetailList: (spec.users ?? []).map((u) => ({
        UserName: u.name,
        Path: '/',
        Arn: userArn(u.name),
        UserPolicyList: inline(u.policies),
        GroupList: u.groups ?? [],
        AttachedManagedPolicies: attachedList(u.attached),
        ...pb(u.boundary),
      })),
      GroupDetailList: (spec.groups ?? []).map((g) => ({
        GroupName: g.name,
        Path: '/',
        Arn: `arn:aws:iam::${A}:group/${g.name}`,
        GroupPolicyList: inline(g.policies),
        AttachedManagedPolicies: attachedList(g.attached),
      })),
      RoleDetailList: (spec.roles ?? []).map((r) => ({
        RoleName: r.name,
        Path: '/',
        Arn: roleArn(r.name),
        AssumeRolePolicyDocument: r.trust,
        RolePolicyList: inline(r.policies),
        AttachedManagedPolicies: attachedList(r.attached),
        InstanceProfileList: r.profile
          ? [{ InstanceProfileName: r.name, Path: '/', Arn: `arn:aws:iam::${A}:instance-profile/${r.name}` }]
          : [],
        ...pb(r.boundary),
      })),
      Policies: (spec.managed ?? []).map((m) => ({
        PolicyName: m.name,
        Arn: policyArn(m.name),
        Path: '/',
        DefaultVersionId: `v${(m.default ?? m.versions.length - 1) + 1}`,
        PermissionsBoundaryUsageCount: m.boundaryUses ?? 0,
        PolicyVersionList: m.versions.map((d, i) => ({
          VersionId: `v${i + 1}`,
          IsDefaultVersion: i === (m.default ?? m.versions.length - 1),
          Document: d,
        })),
      })),
    },
    ...(spec.scps ? { scps: spec.scps } : {}),
    ...(spec.resources ? { resources: spec.resources } : {}),
    ...(spec.resourcePolicies ? { resourcePolicies: spec.resourcePolicies } : {}),
    ...(spec.credentialReport ? { credentialReport: spec.credentialReport } : {}),
  };
}

export function indexOf(spec: Spec, context = {}): AccountIndex {
  return new AccountIndex(snapshotFromValue(bundle(spec)), context);
}

export function analyse(spec: Spec, context = {}, allReaches = false): EscalationResult {
  return escalation(indexOf(spec, context), { allReaches });
}

export function start(r: EscalationResult, arn: string): PrincipalEscalation {
  const p = r.principals.find((x) => x.principal === arn);
  if (!p) throw new Error(`no result for ${arn}`);
  return p;
}

/** The path ids of the path to a target (admin by default), or undefined when not reached. */
export function pathTo(
  r: EscalationResult,
  from: string,
  target = 'admin',
): Array<string | null> | undefined {
  return start(r, from)
    .reaches.find((x) => x.target === target)
    ?.path.map((s) => s.pathId);
}

/** A credential report row (columns as AWS names them). */
export function credentials(
  user: string,
  o: { keys?: number; password?: boolean; mfa?: boolean } = {},
): Record<string, string> {
  const keys = o.keys ?? 0;
  return {
    user,
    arn: userArn(user),
    password_enabled: String(o.password ?? false),
    mfa_active: String(o.mfa ?? false),
    access_key_1_active: String(keys >= 1),
    access_key_1_last_rotated: keys >= 1 ? '2024-01-01T00:00:00+00:00' : 'N/A',
    access_key_2_active: String(keys >= 2),
    access_key_2_last_rotated: keys >= 2 ? '2024-01-01T00:00:00+00:00' : 'N/A',
  };
}
