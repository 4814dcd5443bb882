import { familyOf } from '../../../policy/conditions.js';
import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const invalidDateValue = defineCheck(
  {
    issueCode: 'INVALID_DATE_VALUE',
    findingType: 'WARNING',
    title: 'Invalid date value',
    description: 'A Date condition value is epoch time, which may not resolve as expected.',
    messages: {
      dateMightNot:
        'The date {{value}} might not resolve as expected. We recommend that you use the YYYY-MM-DD format.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (familyOf(c.operator.base) !== 'Date') continue;
      for (const v of c.values) {
        if (typeof v.value === 'number' || (typeof v.value === 'string' && /^\d+$/.test(v.value.trim()))) {
          ctx.report({ messageId: 'dateMightNot', data: { value: v.value } }, v.loc);
        }
      }
    }
  },
);
