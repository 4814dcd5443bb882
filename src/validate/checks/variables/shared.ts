/**
 * Policy variable syntax: `${key}` and `${key, 'default'}` in Resource and Condition values.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import type { Located } from '../../../policy/location.js';
import type { CheckContext } from '../../context.js';
import { type Check, defineCheck } from '../../define.js';

export type Problem = 'MISSING_BRACE' | 'EMPTY' | 'SPACE' | 'QUOTE' | 'SYMBOL';

export interface Occurrence {
  text: string;
  problem?: Problem;
}

export const NAME = /^[A-Za-z0-9:/_.@+=-]+$/;

/** Every `${...}` occurrence in a text, with the syntax problem it has (if any). */
export function scanVariables(text: string): Occurrence[] {
  const out: Occurrence[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('${', from);
    if (at < 0) return out;
    const close = text.indexOf('}', at + 2);
    if (close < 0) {
      out.push({ text: text.slice(at), problem: 'MISSING_BRACE' });
      return out;
    }
    const inner = text.slice(at + 2, close);
    from = close + 1;
    const occ: Occurrence = { text: text.slice(at, close + 1) };
    out.push(occ);
    if (inner.includes('${')) {
      occ.problem = 'MISSING_BRACE';
      continue;
    }
    if (inner.trim() === '') {
      occ.problem = 'EMPTY';
      continue;
    }
    if (inner === '*' || inner === '?' || inner === '$') continue;
    const comma = inner.indexOf(',');
    const name = comma < 0 ? inner : inner.slice(0, comma);
    if (/\s/.test(name)) {
      occ.problem = 'SPACE';
      continue;
    }
    if (!NAME.test(name)) {
      occ.problem = 'SYMBOL';
      continue;
    }
    if (comma >= 0) {
      const def = inner.slice(comma + 1).trim();
      if (def.length < 2 || !def.startsWith("'") || !def.endsWith("'")) occ.problem = 'QUOTE';
    }
  }
}

export const hostCache = new WeakMap<CheckContext, Located<string>[]>();

/** Resource and condition values that contain `${` (computed once per document). */
export function variableHosts(ctx: CheckContext): Located<string>[] {
  let list = hostCache.get(ctx);
  if (!list) {
    list = [];
    for (const st of ctx.statements) {
      for (const r of st.resource ?? []) if (r.value.includes('${')) list.push(r);
      for (const r of st.notResource ?? []) if (r.value.includes('${')) list.push(r);
      for (const c of st.conditions) {
        for (const v of c.values) {
          if (typeof v.value === 'string' && v.value.includes('${')) list.push(v as Located<string>);
        }
      }
    }
    hostCache.set(ctx, list);
  }
  return list;
}

export function syntaxCheck(
  problem: Problem,
  issueCode: string,
  title: string,
  description: string,
  details: string,
): Check {
  return defineCheck({ issueCode, findingType: 'ERROR', title, description }, (ctx) => {
    for (const host of variableHosts(ctx)) {
      if (!host.value.includes('${')) continue;
      if (scanVariables(host.value).some((o) => o.problem === problem)) ctx.report(details, host.loc);
    }
  });
}
