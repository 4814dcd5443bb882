/**
 * Element rules that depend on the policy type: Version, Sid, Principal, Resource, and the
 * syntax of SCPs, RCPs and role trust policies.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html
 */
import type { Statement } from '../../../policy/model.js';
import type { CheckContext } from '../../context.js';
import type { PolicyType } from '../../types.js';

export const IAM_TYPES: readonly PolicyType[] = [
  'IDENTITY_POLICY',
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

export function isStarPrincipal(st: Statement): boolean {
  const p = st.principal;
  if (!p) return false;
  if (p.wildcard) return true;
  return p.entries.length > 0 && p.entries.every((e) => e.type === 'AWS' && e.value.value === '*');
}

export function sidsRequired(ctx: CheckContext): boolean {
  return IAM_TYPES.includes(ctx.policyType) || ctx.isTrustPolicy;
}

export function duplicateSids(ctx: CheckContext): Statement[] {
  const seen = new Set<string>();
  const dups: Statement[] = [];
  for (const st of ctx.statements) {
    const sid = st.sid?.value;
    if (sid === undefined || sid === '') continue;
    if (seen.has(sid)) dups.push(st);
    seen.add(sid);
  }
  return dups;
}

/** Characters of a policy excluding whitespace outside string values (IAM's counting rule). */
export function sizeWithoutWhitespace(text: string): number {
  return text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m[0] === '"' ? m : '')).length;
}

// Quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html and
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
export const SCP_QUOTA = 5120;
export const RCP_QUOTA = 5120;
export const MANAGED_POLICY_QUOTA = 6144;
export const TRUST_POLICY_QUOTA = 2048;
