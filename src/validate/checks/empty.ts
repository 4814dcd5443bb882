/**
 * Empty arrays and objects: statements, principals and conditions that say nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import type { ConditionEntry } from '../../policy/model.js';
import { type Check, defineCheck } from '../define.js';

export const emptyArrayAction = defineCheck(
  {
    issueCode: 'EMPTY_ARRAY_ACTION',
    findingType: 'SUGGESTION',
    title: 'Empty array action',
    description: 'The Action element is an empty array: the statement has no effect.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.action && st.action.length === 0 && /^\[\s*\]$/.test(ctx.text(ctx.elementLoc(st, 'Action')))) {
        ctx.report(
          'This statement includes no actions and does not affect the policy. Specify actions.',
          ctx.elementLoc(st, 'Action'),
        );
      }
    }
  },
);

export const emptyArrayResource = defineCheck(
  {
    issueCode: 'EMPTY_ARRAY_RESOURCE',
    findingType: 'SUGGESTION',
    title: 'Empty array resource',
    description: 'The Resource element is an empty array: the statement has no effect.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const name of ['Resource', 'NotResource'] as const) {
        const list = name === 'Resource' ? st.resource : st.notResource;
        if (list && list.length === 0 && /^\[\s*\]$/.test(ctx.text(ctx.elementLoc(st, name)))) {
          ctx.report(
            'This statement includes no resources and does not affect the policy. Specify resources.',
            ctx.elementLoc(st, name),
          );
        }
      }
    }
  },
);

export const emptyArrayPrincipal = defineCheck(
  {
    issueCode: 'EMPTY_ARRAY_PRINCIPAL',
    findingType: 'SUGGESTION',
    title: 'Empty array principal',
    description: 'A principal type maps to an empty array.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const [name, block] of [
        ['Principal', st.principal],
        ['NotPrincipal', st.notPrincipal],
      ] as const) {
        if (!block || block.wildcard || !/\[\s*\]/.test(ctx.text(block.loc))) continue;
        for (const type of ['AWS', 'Service', 'Federated', 'CanonicalUser']) {
          const loc = ctx.locate([...block.loc.path, { value: type }]);
          if (loc && /^\[\s*\]$/.test(ctx.text(loc))) {
            ctx.report(
              'This statement includes no principals and does not affect the policy. Specify principals.',
              loc,
            );
          }
        }
        void name;
      }
    }
  },
);

export const emptyObjectPrincipal = defineCheck(
  {
    issueCode: 'EMPTY_OBJECT_PRINCIPAL',
    findingType: 'SUGGESTION',
    title: 'Empty object principal',
    description: 'The Principal element is an empty object.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const block of [st.principal, st.notPrincipal]) {
        if (block && !block.wildcard && /^\{\s*\}$/.test(ctx.text(block.loc))) {
          ctx.report(
            'This statement includes no principals and does not affect the policy. Specify principals.',
            block.loc,
          );
        }
      }
    }
  },
);

export const emptyObjectCondition = defineCheck(
  {
    issueCode: 'EMPTY_OBJECT_CONDITION',
    findingType: 'SUGGESTION',
    title: 'Empty object condition',
    description: 'The Condition element is an empty object.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.conditionLoc && /^\{\s*\}$/.test(ctx.text(st.conditionLoc))) {
        ctx.report(
          'This condition block is empty and it does not affect the policy. Specify conditions.',
          st.conditionLoc,
        );
      }
    }
  },
);

type EmptyKind = 'plain' | 'ForAllValues' | 'ForAnyValue' | 'IfExists';

function emptyKind(c: ConditionEntry): EmptyKind | undefined {
  if (!(c.valuesIsArray && c.values.length === 0)) return undefined;
  if (c.operator.qualifier === 'ForAllValues') return 'ForAllValues';
  if (c.operator.qualifier === 'ForAnyValue') return 'ForAnyValue';
  if (c.operator.ifExists) return 'IfExists';
  return 'plain';
}

function emptyConditionCheck(
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

export const emptyArrayCondition = emptyConditionCheck(
  'plain',
  'EMPTY_ARRAY_CONDITION',
  'Empty array condition',
  'A condition key has no values.',
  (key) =>
    `There are no values for the condition key ${key} and it does not affect the policy. Specify conditions.`,
);

export const emptyArrayConditionForAllValues = emptyConditionCheck(
  'ForAllValues',
  'EMPTY_ARRAY_CONDITION_FORALLVALUES',
  'Empty array condition ForAllValues',
  'ForAllValues with no values matches only when the key is absent.',
  (key) =>
    `The ForAllValues prefix with an empty condition key matches only if the key ${key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.`,
);

export const emptyArrayConditionForAnyValue = emptyConditionCheck(
  'ForAnyValue',
  'EMPTY_ARRAY_CONDITION_FORANYVALUE',
  'Empty array condition ForAnyValue',
  'ForAnyValue with no values never matches.',
  (key) =>
    `The ForAnyValue prefix with an empty condition key ${key} never matches the request context and it does not affect the policy. Specify conditions.`,
);

export const emptyArrayConditionIfExists = emptyConditionCheck(
  'IfExists',
  'EMPTY_ARRAY_CONDITION_IFEXISTS',
  'Empty array condition IfExists',
  'IfExists with no values matches only when the key is absent.',
  (key) =>
    `The IfExists suffix with an empty condition key matches only if the key ${key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.`,
);

export const emptyChecks: Check[] = [
  emptyArrayAction,
  emptyArrayResource,
  emptyArrayPrincipal,
  emptyObjectPrincipal,
  emptyObjectCondition,
  emptyArrayCondition,
  emptyArrayConditionForAllValues,
  emptyArrayConditionForAnyValue,
  emptyArrayConditionIfExists,
];
