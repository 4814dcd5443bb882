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
  // Counted in place: building the text without whitespace cost six times the input in garbage
  // (300 MB for a 50 MB policy), at the moment the parsed model already fills the heap.
  // Same answer as removing /"(?:[^"\\]|\\.)*"|\s+/g matches that are not strings.
  let n = 0;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (end >= 0) {
        n += end - i + 1;
        i = end;
      } else n++;
    } else if (!isSpace(c)) n++;
  }
  return n;
}

/** The index of the quote that closes the JSON string opened at `open`, or -1 (as the regex). */
function stringEnd(text: string, open: number): number {
  for (let j = open + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j;
    if (c === 0x5c) {
      // `\\.`: a backslash and any character but a line terminator
      const d = text.charCodeAt(j + 1);
      if (j + 1 >= text.length || d === 0x0a || d === 0x0d || d === 0x2028 || d === 0x2029) return -1;
      j++;
    }
  }
  return -1;
}

/** `\s` of JavaScript regular expressions. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return /\s/.test(String.fromCharCode(c));
}

// Quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html and
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
export const SCP_QUOTA = 5120;
export const RCP_QUOTA = 5120;
export const MANAGED_POLICY_QUOTA = 6144;
export const TRUST_POLICY_QUOTA = 2048;
