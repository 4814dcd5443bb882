import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const invalidConditionDataType = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_DATA_TYPE',
    findingType: 'ERROR',
    title: 'Invalid condition data type',
    description: 'The values of one condition key mix JSON data types.',
    messages: {
      conditionValueData:
        'The condition value data types do not match. Use condition values of the same JSON data type.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const types = new Set(c.values.map((v) => typeof v.value));
      if (types.size > 1) {
        ctx.report({ messageId: 'conditionValueData' }, c.key.loc);
      }
    }
  },
);
