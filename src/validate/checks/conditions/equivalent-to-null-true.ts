import { defineCheck } from '../../define.js';
import { entries, isNotLike, onlyStar } from './shared.js';

export const equivalentToNullTrue = defineCheck(
  {
    issueCode: 'EQUIVALENT_TO_NULL_TRUE',
    findingType: 'SUGGESTION',
    title: 'Equivalent to null true',
    description: 'A NotLike operator with "*" only tests that the key is absent.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (isNotLike(c.operator.base) && !c.operator.qualifier && onlyStar(c)) {
        ctx.report(
          `We recommend replacing the key ${c.key.value} in the condition block of ${c.operator.text} with {"Null": {"${c.key.value}": "true"}} to ensure better enforcement of the condition.`,
          c.key.loc,
        );
      }
    }
  },
);
