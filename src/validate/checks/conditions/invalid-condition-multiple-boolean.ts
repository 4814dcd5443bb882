import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const invalidConditionMultipleBoolean = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
    findingType: 'ERROR',
    title: 'Invalid condition multiple Boolean',
    description: 'A Bool condition key has more than one value.',
    messages: {
      conditionKeyDoes:
        'The condition key does not support multiple Boolean values. Use a single Boolean value.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base === 'Bool' && !c.operator.qualifier && c.values.length > 1) {
        ctx.report({ messageId: 'conditionKeyDoes' }, c.key.loc);
      }
    }
  },
);
