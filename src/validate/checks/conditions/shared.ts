/**
 * Condition element checks: condition keys against the global and service key lists, operator
 * and value types, IP ranges, policy variables, qualifiers, and keys whose use AWS warns about.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import { type FamilyName, familyOf, matchesIp, parseCidr, parseIp } from '../../../policy/conditions.js';
import type { BaseOperator, ConditionEntry, ConditionValue, Statement } from '../../../policy/model.js';
import { findVariables } from '../../../policy/variables.js';
import { type CheckContext, isProviderKey } from '../../context.js';
import { type Check, defineCheck } from '../../define.js';

export const entryCache = new WeakMap<CheckContext, [Statement, ConditionEntry][]>();

/** Every condition entry of the policy with its statement (computed once per document). */
export function entries(ctx: CheckContext): [Statement, ConditionEntry][] {
  let list = entryCache.get(ctx);
  if (!list) {
    list = [];
    for (const st of ctx.statements) for (const c of st.conditions) list.push([st, c]);
    entryCache.set(ctx, list);
  }
  return list;
}

export function keyPrefix(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? '' : key.slice(0, i);
}

/** A key that names a tag-keyed family without its tag key, e.g. `aws:ResourceTag` or `aws:ResourceTag/`. */
export function isMissingTagKey(ctx: CheckContext, key: string): boolean {
  const base = key.endsWith('/') ? key.slice(0, -1) : key;
  if (ctx.key(base)) return false;
  const probe = ctx.key(`${base}/x`);
  return probe?.template === true;
}

// ---------------------------------------------------------------------------------------------
// Operators and values
// ---------------------------------------------------------------------------------------------

/** The operator families that fit each condition key type of the service reference. */
export const ALLOWED_FAMILIES: Record<string, FamilyName[]> = {
  String: ['String'],
  ARN: ['Arn', 'String'],
  Numeric: ['Numeric'],
  Date: ['Date'],
  Bool: ['Bool'],
  IPAddress: ['IpAddress'],
  Binary: ['Binary'],
};

export function hasVariable(v: ConditionValue): boolean {
  return typeof v === 'string' && findVariables(v).length > 0;
}

export function valueCheck(
  issueCode: string,
  findingType: 'ERROR' | 'WARNING',
  title: string,
  description: string,
  family: FamilyName,
  valid: (v: ConditionValue) => boolean,
  details: (c: ConditionEntry) => string,
): Check {
  return defineCheck({ issueCode, findingType, title, description }, (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (familyOf(c.operator.base) !== family) continue;
      for (const v of c.values) {
        if (hasVariable(v.value)) continue;
        if (!valid(v.value)) ctx.report(details(c), v.loc);
      }
    }
  });
}

export function ipWords(text: string): number[] | undefined {
  const slash = text.indexOf('/');
  return parseIp(slash < 0 ? text : text.slice(0, slash))?.words;
}

export function formatCidr(text: string): string | undefined {
  const c = parseCidr(text);
  if (!c) return undefined;
  if (c.version === 4) {
    const w = c.words[0];
    return `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}/${c.prefix}`;
  }
  const groups: string[] = [];
  for (const w of c.words) groups.push(((w >>> 16) & 0xffff).toString(16), (w & 0xffff).toString(16));
  return `${groups.join(':')}/${c.prefix}`;
}

// Private address space: RFC 1918 (IPv4) and RFC 4193 unique local addresses (IPv6).
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map(
  (r) => parseCidr(r)!,
);

export function isPrivateRange(text: string): boolean | undefined {
  const c = parseCidr(text);
  if (!c) return undefined;
  // The block lies in a private range when it is no wider than the range and its address is in it.
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  return PRIVATE_RANGES.some((p) => c.prefix >= p.prefix && matchesIp(p, address));
}

export function sourceIpCheck(
  issueCode: string,
  findingType: 'ERROR' | 'SUGGESTION',
  title: string,
  description: string,
  negated: boolean,
  mix: boolean,
  details: string,
): Check {
  return defineCheck({ issueCode, findingType, title, description }, (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== 'aws:sourceip') continue;
      if (c.operator.base !== (negated ? 'NotIpAddress' : 'IpAddress')) continue;
      const flags = c.values.map((v) => (typeof v.value === 'string' ? isPrivateRange(v.value) : undefined));
      if (flags.some((f) => f === undefined) || flags.length === 0) continue;
      const priv = flags.filter(Boolean).length;
      if (mix ? priv > 0 && priv < flags.length : priv === flags.length) ctx.report(details, c.key.loc);
    }
  });
}

export function isAudienceKey(key: string): boolean {
  return isProviderKey(key) && key.toLowerCase().endsWith(':aud');
}

// ---------------------------------------------------------------------------------------------
// Wildcards in values
// ---------------------------------------------------------------------------------------------

export function hasLiteralWildcard(v: ConditionValue): boolean {
  if (typeof v !== 'string') return false;
  // ${*} and ${?} stand for literal characters.
  const stripped = v.replace(/\$\{[*?$]\}/g, '');
  return stripped.includes('*') || stripped.includes('?');
}

export function onlyStar(c: ConditionEntry): boolean {
  return c.values.length > 0 && c.values.some((v) => v.value === '*');
}

export function isLike(base: BaseOperator): boolean {
  return base === 'StringLike' || base === 'ArnLike';
}

export function isNotLike(base: BaseOperator): boolean {
  return base === 'StringNotLike' || base === 'ArnNotLike';
}

export function formatCheck(
  issueCode: string,
  title: string,
  description: string,
  key: string,
  valid: RegExp,
  details: string,
): Check {
  return defineCheck({ issueCode, findingType: 'ERROR', title, description }, (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== key || familyOf(c.operator.base) !== 'String') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string' || hasLiteralWildcard(v.value) || hasVariable(v.value)) continue;
        if (!valid.test(v.value)) ctx.report(details, v.loc);
      }
    }
  });
}

export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
