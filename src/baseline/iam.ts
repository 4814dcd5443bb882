/**
 * The IAM principals the controls look at: one account of an account snapshot (the reader in
 * src/sources/account parses `aws iam get-account-authorization-details`), or what a template
 * creates (src/baseline/template.ts). Policies are the parsed documents of src/policy.
 */
import type { PathElement } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import type { Evidence } from './types.js';
import { isObject } from './util.js';

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

/** Every identity policy that applies to a user: its own and its groups'. */
export function userPolicies(model: IamModel, user: IamUser): IamPolicy[] {
  const out = [...user.inline, ...user.attached];
  for (const g of user.groups) {
    const group = model.groups.find((x) => x.name === g);
    if (group) out.push(...group.inline, ...group.attached);
  }
  return out;
}
