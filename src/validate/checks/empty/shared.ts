/**
 * Empty arrays and objects: statements, principals and conditions that say nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import type { ConditionEntry } from '../../../policy/model.js';
import { type Check, defineCheck } from '../../define.js';

export type EmptyKind = 'plain' | 'ForAllValues' | 'ForAnyValue' | 'IfExists';

export function emptyKind(c: ConditionEntry): EmptyKind | undefined {
  if (!(c.valuesIsArray && c.values.length === 0)) return undefined;
  if (c.operator.qualifier === 'ForAllValues') return 'ForAllValues';
  if (c.operator.qualifier === 'ForAnyValue') return 'ForAnyValue';
  if (c.operator.ifExists) return 'IfExists';
  return 'plain';
}

export function emptyConditionCheck(
  kind: EmptyKind,
  issueCode: string,
  title: string,
  description: string,
  details: (key: string) => string,
): Check {
  return defineCheck({ issueCode, findingType: 'SUGGESTION', title, description }, (ctx) => {
    for (const st of ctx.statements) {
      for (const c of st.conditions) {
        if (emptyKind(c) === kind) ctx.report(details(c.key.value), c.key.loc);
      }
    }
  });
}
