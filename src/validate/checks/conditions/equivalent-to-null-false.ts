import { defineCheck } from '../../define.js';
import { entries, isLike, onlyStar } from './shared.js';

export const equivalentToNullFalse = defineCheck(
  {
    issueCode: 'EQUIVALENT_TO_NULL_FALSE',
    findingType: 'SUGGESTION',
    title: 'Equivalent to null false',
    description: 'A Like operator with "*" only tests that the key is present.',
    messages: {
      recommendReplacingKey:
        'We recommend replacing the key {{value}} in the condition block of {{text}} with {"Null": {"{{value}}": "false"}} to ensure better enforcement of the condition.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (isLike(c.operator.base) && !c.operator.qualifier && !c.operator.ifExists && onlyStar(c)) {
        ctx.report(
          { messageId: 'recommendReplacingKey', data: { value: c.key.value, text: c.operator.text } },
          c.key.loc,
        );
      }
    }
  },
);
