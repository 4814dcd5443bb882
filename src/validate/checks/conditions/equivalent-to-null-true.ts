import { defineCheck } from '../../define.js';
import { entries, isNotLike, onlyStar } from './shared.js';

export const equivalentToNullTrue = defineCheck(
  {
    issueCode: 'EQUIVALENT_TO_NULL_TRUE',
    findingType: 'SUGGESTION',
    title: 'Equivalent to null true',
    description: 'A NotLike operator with "*" only tests that the key is absent.',
    messages: {
      recommendReplacingKey:
        'We recommend replacing the key {{value}} in the condition block of {{text}} with {"Null": {"{{value}}": "true"}} to ensure better enforcement of the condition.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (isNotLike(c.operator.base) && !c.operator.qualifier && onlyStar(c)) {
        ctx.report(
          { messageId: 'recommendReplacingKey', data: { value: c.key.value, text: c.operator.text } },
          c.key.loc,
        );
      }
    }
  },
);
