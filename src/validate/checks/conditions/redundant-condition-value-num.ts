import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const redundantConditionValueNum = defineCheck(
  {
    issueCode: 'REDUNDANT_CONDITION_VALUE_NUM',
    findingType: 'SUGGESTION',
    title: 'Redundant condition value num',
    description: 'Several values for a numeric less-than/greater-than operator: only the extreme one counts.',
    messages: {
      multipleValuesRedundant:
        'Multiple values in {{text}} are redundant. Replace with the {{value}} single value for {{value2}}.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const b = c.operator.base;
      const less = b === 'NumericLessThan' || b === 'NumericLessThanEquals';
      const greater = b === 'NumericGreaterThan' || b === 'NumericGreaterThanEquals';
      if ((!less && !greater) || c.operator.qualifier || c.values.length < 2) continue;
      ctx.report(
        {
          messageId: 'multipleValuesRedundant',
          data: { text: c.operator.text, value: less ? 'greatest' : 'least', value2: c.key.value },
        },
        c.key.loc,
      );
    }
  },
);
