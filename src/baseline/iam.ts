/**
 * The IAM principals the controls look at, built from `aws iam get-account-authorization-details`
 * (UserDetailList, GroupDetailList, RoleDetailList, Policies) or from a template's extraction.
 * Policy documents are parsed with the one policy parser (src/policy); AWS managed policies the
 * export does not list come from a resolver the caller passes (the bundled catalogue).
 * Export shape: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import { asArray, type ExportRecord, cite, isObject, jsonPath } from './input.js';
import type { Evidence } from './types.js';

export interface IamPolicy {
  name: string;
  arn?: string;
  kind: 'inline' | 'managed';
  awsManaged: boolean;
  /** Parsed document; undefined when missing or unparseable (see `problem`). */
  document?: PolicyDocument;
  raw?: unknown;
  problem?: string;
  evidence: Evidence;
}

interface Principal {
  name: string;
  arn: string;
  path: string;
  inline: IamPolicy[];
  attached: IamPolicy[];
  evidence: Evidence;
}

export interface IamUser extends Principal {
  groups: string[];
  boundary?: IamPolicy;
}
export type IamGroup = Principal;
export interface IamRole extends Principal {
  trust?: PolicyDocument;
  trustRaw?: unknown;
  trustEvidence: Evidence;
  boundary?: IamPolicy;
}

export interface IamManagedPolicy {
  name: string;
  arn: string;
  awsManaged: boolean;
  attachmentCount?: number;
  document?: PolicyDocument;
  raw?: unknown;
  evidence: Evidence;
}

export interface IamModel {
  account?: string;
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  /** Managed policies the export lists (customer managed and attached AWS managed). */
  managed: IamManagedPolicy[];
}

/** Looks up an AWS managed policy's default document by ARN (the bundled catalogue). */
export type ManagedPolicyResolver = (arn: string) => unknown | undefined;

/** Documents in the export may be objects or URL-encoded JSON text (the API returns the latter). */
function decodeDocument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  let text = v;
  if (/^%7B/i.test(text.trim())) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return v;
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    return v;
  }
}

export function parseDocument(raw: unknown): { document?: PolicyDocument; problem?: string } {
  const value = decodeDocument(raw);
  if (!isObject(value)) return { problem: 'the policy document is not a JSON object' };
  const { policy, issues } = parsePolicy(JSON.stringify(value, null, 2));
  if (!policy || issues.length > 0) {
    return { problem: `the policy document is not valid: ${issues[0]?.message ?? 'unparseable'}` };
  }
  return { document: policy };
}

export function isAwsManagedArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

export function accountOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/** Builds the model from the authorization-details export. */
export function iamFromAuthorizationDetails(record: ExportRecord, resolve?: ManagedPolicyResolver): IamModel {
  const data = isObject(record.data) ? record.data : {};
  const managed: IamManagedPolicy[] = [];
  asArray(data.Policies).forEach((p, i) => {
    if (!isObject(p) || typeof p.Arn !== 'string') return;
    const versions = asArray(p.PolicyVersionList);
    const vi = versions.findIndex(
      (v) => isObject(v) && (v.IsDefaultVersion === true || v.VersionId === p.DefaultVersionId),
    );
    const raw = vi >= 0 ? (versions[vi] as Record<string, unknown>).Document : undefined;
    const parsed = raw === undefined ? {} : parseDocument(raw);
    managed.push({
      name: String(p.PolicyName ?? p.Arn),
      arn: p.Arn,
      awsManaged: isAwsManagedArn(p.Arn),
      attachmentCount: typeof p.AttachmentCount === 'number' ? p.AttachmentCount : undefined,
      document: parsed.document,
      raw: decodeDocument(raw),
      evidence: cite(
        record,
        vi >= 0 ? jsonPath('Policies', i, 'PolicyVersionList', vi, 'Document') : jsonPath('Policies', i),
      ),
    });
  });
  const byArn = new Map(managed.map((m) => [m.arn, m]));
  const inline = (list: unknown, base: (string | number)[]): IamPolicy[] =>
    asArray(list).flatMap((p, j) => {
      if (!isObject(p)) return [];
      const parsed = parseDocument(p.PolicyDocument);
      return [
        {
          name: String(p.PolicyName ?? `inline[${j}]`),
          kind: 'inline' as const,
          awsManaged: false,
          document: parsed.document,
          raw: decodeDocument(p.PolicyDocument),
          problem: parsed.problem,
          evidence: cite(record, jsonPath(...base, j, 'PolicyDocument')),
        },
      ];
    });
  const attached = (list: unknown, base: (string | number)[]): IamPolicy[] =>
    asArray(list).flatMap((a, j) => {
      if (!isObject(a) || typeof a.PolicyArn !== 'string') return [];
      return [managedRef(a.PolicyArn, String(a.PolicyName ?? a.PolicyArn), cite(record, jsonPath(...base, j)))];
    });
  const managedRef = (arn: string, name: string, at: Evidence): IamPolicy => {
    const known = byArn.get(arn);
    if (known) {
      return {
        name,
        arn,
        kind: 'managed',
        awsManaged: known.awsManaged,
        document: known.document,
        raw: known.raw,
        problem: known.document ? undefined : 'the policy document is missing or invalid',
        evidence: known.evidence,
      };
    }
    const raw = isAwsManagedArn(arn) ? resolve?.(arn) : undefined;
    const parsed = raw === undefined ? { problem: `the managed policy ${arn} is not in the export` } : parseDocument(raw);
    return { name, arn, kind: 'managed', awsManaged: isAwsManagedArn(arn), document: parsed.document, raw, problem: parsed.problem, evidence: at };
  };
  const boundary = (b: unknown, at: (string | number)[]): IamPolicy | undefined =>
    isObject(b) && typeof b.PermissionsBoundaryArn === 'string'
      ? managedRef(b.PermissionsBoundaryArn, b.PermissionsBoundaryArn, cite(record, jsonPath(...at)))
      : undefined;

  const users: IamUser[] = [];
  asArray(data.UserDetailList).forEach((u, i) => {
    if (!isObject(u) || typeof u.Arn !== 'string') return;
    users.push({
      name: String(u.UserName ?? ''),
      arn: u.Arn,
      path: String(u.Path ?? '/'),
      groups: asArray(u.GroupList).filter((g): g is string => typeof g === 'string'),
      inline: inline(u.UserPolicyList, ['UserDetailList', i, 'UserPolicyList']),
      attached: attached(u.AttachedManagedPolicies, ['UserDetailList', i, 'AttachedManagedPolicies']),
      boundary: boundary(u.PermissionsBoundary, ['UserDetailList', i, 'PermissionsBoundary']),
      evidence: cite(record, jsonPath('UserDetailList', i)),
    });
  });
  const groups: IamGroup[] = [];
  asArray(data.GroupDetailList).forEach((g, i) => {
    if (!isObject(g) || typeof g.Arn !== 'string') return;
    groups.push({
      name: String(g.GroupName ?? ''),
      arn: g.Arn,
      path: String(g.Path ?? '/'),
      inline: inline(g.GroupPolicyList, ['GroupDetailList', i, 'GroupPolicyList']),
      attached: attached(g.AttachedManagedPolicies, ['GroupDetailList', i, 'AttachedManagedPolicies']),
      evidence: cite(record, jsonPath('GroupDetailList', i)),
    });
  });
  const roles: IamRole[] = [];
  asArray(data.RoleDetailList).forEach((r, i) => {
    if (!isObject(r) || typeof r.Arn !== 'string') return;
    const trust = parseDocument(r.AssumeRolePolicyDocument);
    roles.push({
      name: String(r.RoleName ?? ''),
      arn: r.Arn,
      path: String(r.Path ?? '/'),
      trust: trust.document,
      trustRaw: decodeDocument(r.AssumeRolePolicyDocument),
      trustEvidence: cite(record, jsonPath('RoleDetailList', i, 'AssumeRolePolicyDocument')),
      inline: inline(r.RolePolicyList, ['RoleDetailList', i, 'RolePolicyList']),
      attached: attached(r.AttachedManagedPolicies, ['RoleDetailList', i, 'AttachedManagedPolicies']),
      boundary: boundary(r.PermissionsBoundary, ['RoleDetailList', i, 'PermissionsBoundary']),
      evidence: cite(record, jsonPath('RoleDetailList', i)),
    });
  });
  const account = [...users, ...groups, ...roles].map((p) => accountOfArn(p.arn)).find((a) => a !== undefined);
  return { account, users, groups, roles, managed };
}

/** Every identity policy that applies to a user: its own and its groups'. */
export function userPolicies(model: IamModel, user: IamUser): IamPolicy[] {
  const out = [...user.inline, ...user.attached];
  for (const g of user.groups) {
    const group = model.groups.find((x) => x.name === g);
    if (group) out.push(...group.inline, ...group.attached);
  }
  return out;
}
