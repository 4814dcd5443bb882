/**
 * Resource element checks: ARN syntax against the ARN formats of the Service Authorization
 * Reference, redundant resources, and resources of another service in a resource-based policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import { listResourceTypes, type ResourceTypeInfo, serviceExists } from '../../../catalog/index.js';
import type { Located } from '../../../policy/location.js';
import { compileGlob } from '../../../policy/wildcard.js';
import type { CheckContext } from '../../context.js';
import { type Check, defineCheck } from '../../define.js';
import { resourceMatchesFormat } from '../../glob.js';

export const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);
export const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** A Resource/NotResource value split into ARN fields (variables count as wildcards). */
export interface ArnValue {
  loc: Located<string>['loc'];
  text: string;
  fields: string[];
  /** `candidates(this)`, once computed (null: not an ARN of a known service). */
  candidates?: ResourceTypeInfo[] | null;
}

export function hasWild(s: string): boolean {
  return s.includes('*') || s.includes('?') || s.includes('${');
}

// A dozen checks read the same split values: split each document's values once (a 50 MB policy
// holds hundreds of thousands of them), for as long as its check context lives.
const valuesByContext = new WeakMap<CheckContext, ArnValue[]>();

export function resourceValues(ctx: CheckContext): ArnValue[] {
  let out = valuesByContext.get(ctx);
  if (!out) {
    out = splitResourceValues(ctx);
    valuesByContext.set(ctx, out);
  }
  return out;
}

function splitResourceValues(ctx: CheckContext): ArnValue[] {
  const out: ArnValue[] = [];
  for (const st of ctx.statements) {
    for (const r of [...(st.resource ?? []), ...(st.notResource ?? [])]) {
      if (r.value === '*') continue;
      const fields = splitArn(r.value);
      out.push({ loc: r.loc, text: r.value, fields });
    }
  }
  return out;
}

/** Splits at colons, keeping `${...}` policy variables (which may contain colons) whole. */
export function splitArn(text: string): string[] {
  if (!text.includes('${')) return text.split(':');
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end > 0) {
        cur += text.slice(i, end + 1);
        i = end;
        continue;
      }
    }
    if (text[i] === ':') {
      out.push(cur);
      cur = '';
    } else cur += text[i];
  }
  out.push(cur);
  return out;
}

/** Resource types of the ARN's service whose formats the value can match (lenient placeholders). */
export const candidateCache = new Map<string, ResourceTypeInfo[] | undefined>();

export function candidates(v: ArnValue): ResourceTypeInfo[] | undefined {
  if (v.candidates !== undefined) return v.candidates ?? undefined;
  let out: ResourceTypeInfo[] | undefined;
  if (candidateCache.has(v.text)) out = candidateCache.get(v.text);
  else {
    out = computeCandidates(v);
    if (candidateCache.size > 20000) candidateCache.clear();
    candidateCache.set(v.text, out);
  }
  v.candidates = out ?? null;
  return out;
}

export function computeCandidates(v: ArnValue): ResourceTypeInfo[] | undefined {
  const service = v.fields[2];
  if (v.fields[0] !== 'arn' || v.fields.length < 6 || hasWild(service) || !serviceExists(service))
    return undefined;
  const types = listResourceTypes(service);
  if (types.length === 0) return undefined;
  const resource = v.fields.slice(5).join(':');
  const found = types.filter((t) => {
    const fmtResource = t.arn.split(':').slice(5).join(':');
    return resourceMatchesFormat(resource, fmtResource, 'lenient');
  });
  // Values of a large policy mostly match the same few types: they share one array per answer.
  const key = `${service}\u0000${found.map((t) => t.name).join('\u0000')}`;
  let shared = sharedCandidates.get(key);
  if (!shared) {
    if (sharedCandidates.size > 20000) sharedCandidates.clear();
    shared = found.slice();
    sharedCandidates.set(key, shared);
  }
  return shared;
}

const sharedCandidates = new Map<string, ResourceTypeInfo[]>();

export function fieldOf(format: string, n: number): string {
  return format.split(':')[n] ?? '';
}

export function fieldRule(
  issueCode: string,
  title: string,
  description: string,
  field: 3 | 4,
  want: 'empty' | 'present',
  details: (v: ArnValue) => string,
): Check {
  return defineCheck({ issueCode, findingType: 'ERROR', title, description }, (ctx) => {
    for (const v of resourceValues(ctx)) {
      const value = v.fields[field];
      if (value === undefined || hasWild(value)) continue;
      const cands = candidates(v);
      if (!cands || cands.length === 0) continue;
      if (want === 'empty') {
        // The value names a Region/account, but no matching resource type has one.
        if (value !== '' && cands.every((t) => fieldOf(t.arn, field) === '')) ctx.report(details(v), v.loc);
      } else if (value === '' && cands.every((t) => fieldOf(t.arn, field) !== ''))
        ctx.report(details(v), v.loc);
    }
  });
}

export const globCache = new Map<string, (v: string) => boolean>();

/** True when every resource matched by pattern `a` is matched by pattern `b`. */
export function resourceCovers(b: string, a: string): boolean {
  if (b === '*') return true;
  if (!hasWild(b)) return false;
  if (a.includes('${') || b.includes('${')) return false;
  // Matching a's text literally against b is exact when a has no wildcards, and sound when b has
  // no `?` (each * of a is then absorbed by a * of b).
  if (hasWild(a) && b.includes('?')) return false;
  let m = globCache.get(b);
  if (!m) {
    m = compileGlob(b);
    if (globCache.size > 20000) globCache.clear();
    globCache.set(b, m);
  }
  return m(a);
}
