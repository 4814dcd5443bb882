/**
 * Policy variable syntax: `${key}` and `${key, 'default'}` in Resource and Condition values.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import type { Located } from '../../policy/location.js';
import type { CheckContext } from '../context.js';
import { type Check, defineCheck } from '../define.js';

type Problem = 'MISSING_BRACE' | 'EMPTY' | 'SPACE' | 'QUOTE' | 'SYMBOL';

interface Occurrence {
  text: string;
  problem?: Problem;
}

const NAME = /^[A-Za-z0-9:/_.@+=-]+$/;

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

const hostCache = new WeakMap<CheckContext, Located<string>[]>();

/** Resource and condition values that contain `${` (computed once per document). */
function variableHosts(ctx: CheckContext): Located<string>[] {
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

function syntaxCheck(
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

export const missingBraceInVariable = syntaxCheck(
  'MISSING_BRACE',
  'MISSING_BRACE_IN_VARIABLE',
  'Missing brace in variable',
  'A policy variable has no closing brace.',
  'The policy variable is missing a closing curly brace. Add } after the variable text.',
);

export const emptyVariable = syntaxCheck(
  'EMPTY',
  'EMPTY_VARIABLE',
  'Empty variable',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variable syntax
  'A policy variable names nothing: ${}.',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variable syntax
  'Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure.',
);

export const unsupportedSpaceInVariable = syntaxCheck(
  'SPACE',
  'UNSUPPORTED_SPACE_IN_VARIABLE',
  'Unsupported space in variable',
  'A policy variable name contains a space.',
  'A space is not supported within the policy variable text. Remove the space.',
);

export const missingQuoteInVariable = syntaxCheck(
  'QUOTE',
  'MISSING_QUOTE_IN_VARIABLE',
  'Missing quote in variable',
  "A policy variable's default value is not in single quotes.",
  'The policy variable default value must begin and end with a single quote. Add the missing quote.',
);

export const unsupportedSymbolInVariable = syntaxCheck(
  'SYMBOL',
  'UNSUPPORTED_SYMBOL_IN_VARIABLE',
  'Unsupported symbol in variable',
  'A policy variable name contains a character that no condition key contains.',
  'The symbol is not supported within the policy variable text. Remove the symbol.',
);

export const variableUnsupportedInElement = defineCheck(
  {
    issueCode: 'VARIABLE_UNSUPPORTED_IN_ELEMENT',
    findingType: 'ERROR',
    title: 'Variable unsupported in element',
    description: 'Policy variables work only in Resource and Condition values.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const hosts: Located<string>[] = [...(st.action ?? []), ...(st.notAction ?? [])];
      for (const block of [st.principal, st.notPrincipal]) {
        if (block && !block.wildcard) hosts.push(...block.entries.map((e) => e.value));
      }
      for (const h of hosts) {
        const v = scanVariables(h.value).find((o) => !o.problem);
        if (v) {
          ctx.report(
            `Policy variables are supported in the Resource and Condition elements. Remove the policy variable ${v.text} from this element.`,
            h.loc,
          );
        }
      }
    }
  },
);

export const variableUnsupportedInVersion = defineCheck(
  {
    issueCode: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    findingType: 'ERROR',
    title: 'Variable unsupported in version',
    description: 'Policy variables need Version 2012-10-17; otherwise they are literal text.',
  },
  (ctx) => {
    if (!ctx.doc || ctx.doc.version?.value === '2012-10-17') return;
    for (const host of variableHosts(ctx)) {
      if (scanVariables(host.value).some((o) => !o.problem)) {
        ctx.report(
          'To include variables in your policy, use the policy version 2012-10-17 or later.',
          host.loc,
        );
      }
    }
  },
);

export const variableChecks: Check[] = [
  missingBraceInVariable,
  emptyVariable,
  unsupportedSpaceInVariable,
  missingQuoteInVariable,
  unsupportedSymbolInVariable,
  variableUnsupportedInElement,
  variableUnsupportedInVersion,
];
