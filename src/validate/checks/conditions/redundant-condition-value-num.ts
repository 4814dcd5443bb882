import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const redundantConditionValueNum = defineCheck(
  {
    issueCode: 'REDUNDANT_CONDITION_VALUE_NUM',
    findingType: 'SUGGESTION',
    title: 'Redundant condition value num',
    description: 'Several values for a numeric less-than/greater-than operator: only the extreme one counts.',
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const b = c.operator.base;
      const less = b === 'NumericLessThan' || b === 'NumericLessThanEquals';
      const greater = b === 'NumericGreaterThan' || b === 'NumericGreaterThanEquals';
      if ((!less && !greater) || c.operator.qualifier || c.values.length < 2) continue;
      ctx.report(
        `Multiple values in ${c.operator.text} are redundant. Replace with the ${less ? 'greatest' : 'least'} single value for ${c.key.value}.`,
        c.key.loc,
      );
    }
  },
);
