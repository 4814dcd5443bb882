import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

// ---------------------------------------------------------------------------------------------
// Condition keys
// ---------------------------------------------------------------------------------------------

export const invalidConditionKeyFormat = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_KEY_FORMAT',
    findingType: 'ERROR',
    title: 'Invalid condition key format',
    description: 'A condition key is not of the form service:keyname.',
    messages: {
      conditionKeyFormat: 'The condition key format is not valid. Use the format service:keyname.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      const i = k.indexOf(':');
      if (i <= 0 || i === k.length - 1) {
        ctx.report({ messageId: 'conditionKeyFormat' }, c.key.loc);
      }
    }
  },
);
