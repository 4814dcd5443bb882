/**
 * The IAM principals the controls look at: one account of an account snapshot (the reader in
 * src/sources/account parses `aws iam get-account-authorization-details`), or what a template
 * creates (src/baseline/template.ts). Policies are the parsed documents of src/policy.
 */
import type { PathElement } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import type { AccountDetails, Origin, SnapshotPolicy } from '../sources/account/index.js';
import { isObject } from './input.js';
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

/** A parsed document from a plain value (template mode), or the reason it is unusable. */
export function parseDocument(raw: unknown): { document?: PolicyDocument; problem?: string } {
  if (!isObject(raw)) return { problem: 'the policy document is not a JSON object' };
  const { policy, issues } = parsePolicy(JSON.stringify(raw, null, 2));
  if (!policy || issues.length > 0) {
    return { problem: `the policy document is not valid: ${issues[0]?.message ?? 'unparseable'}` };
  }
  return { document: policy };
}

export function isAwsManagedArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

/** `$.a[0].b` from the snapshot reader's path elements. */
export function pathOf(path: readonly PathElement[]): string {
  let out = '$';
  for (const el of path) {
    if ('index' in el) out += `[${el.index}]`;
    else {
      const name = 'value' in el ? el.value : el.key;
      out += /^[A-Za-z_][\w]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

const AD = 'iam get-account-authorization-details';

function originEvidence(o: Origin): Evidence {
  return { export: AD, file: o.file, path: pathOf(o.path) };
}

function fromSnapshotPolicy(p: SnapshotPolicy, kind: 'inline' | 'managed', arn?: string): IamPolicy {
  return {
    name: p.name,
    arn,
    kind,
    awsManaged: arn !== undefined && isAwsManagedArn(arn),
    document: p.document,
    raw: JSON.parse(p.document.text),
    evidence: originEvidence(p.origin),
  };
}

/** The model of one account of an account snapshot (src/sources/account). */
export function iamFromAccount(a: AccountDetails): IamModel {
  const managedRef = (arn: string, at: Evidence): IamPolicy => {
    const m = a.policies.get(arn);
    if (!m) {
      return {
        name: arn.slice(arn.lastIndexOf('/') + 1),
        arn,
        kind: 'managed',
        awsManaged: isAwsManagedArn(arn),
        problem: `the managed policy ${arn} is not in the snapshot`,
        evidence: at,
      };
    }
    return { ...fromSnapshotPolicy(m.defaultVersion, 'managed', arn), name: m.name };
  };
  const attached = (p: { attached: string[]; origin: Origin }) =>
    p.attached.map((arn) => managedRef(arn, { ...originEvidence(p.origin), value: arn }));
  const boundary = (arn: string | undefined, o: Origin) =>
    arn ? managedRef(arn, originEvidence(o)) : undefined;
  return {
    account: a.id,
    users: a.users.map((u) => ({
      name: u.name,
      arn: u.arn,
      path: u.path,
      groups: u.groups,
      inline: u.inline.map((p) => fromSnapshotPolicy(p, 'inline')),
      attached: attached(u),
      boundary: boundary(u.boundary, u.origin),
      evidence: originEvidence(u.origin),
    })),
    groups: a.groups.map((g) => ({
      name: g.name,
      arn: g.arn,
      path: g.path,
      inline: g.inline.map((p) => fromSnapshotPolicy(p, 'inline')),
      attached: attached(g),
      evidence: originEvidence(g.origin),
    })),
    roles: a.roles.map((r) => ({
      name: r.name,
      arn: r.arn,
      path: r.path,
      trust: r.trust.document,
      trustRaw: JSON.parse(r.trust.document.text),
      trustEvidence: originEvidence(r.trust.origin),
      inline: r.inline.map((p) => fromSnapshotPolicy(p, 'inline')),
      attached: attached(r),
      boundary: boundary(r.boundary, r.origin),
      evidence: originEvidence(r.origin),
    })),
    managed: [...a.policies.values()].map((m) => ({
      name: m.name,
      arn: m.arn,
      awsManaged: m.awsManaged,
      attachmentCount: m.attachmentCount,
      document: m.defaultVersion.document,
      raw: JSON.parse(m.defaultVersion.document.text),
      evidence: originEvidence(m.defaultVersion.origin),
    })),
  };
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
