import { defineCheck } from '../../define.js';
import { entries, isMissingTagKey, keyPrefix } from './shared.js';

export const invalidGlobalConditionKey = defineCheck(
  {
    issueCode: 'INVALID_GLOBAL_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Invalid global condition key',
    description: 'An aws: condition key that is not a global condition key.',
    messages: { conditionKeyDoes: 'The condition key {{k}} does not exist. Use a valid condition key.' },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      if (keyPrefix(k).toLowerCase() !== 'aws' || c.keyLower === 'aws:arn') continue;
      if (ctx.key(k) || isMissingTagKey(ctx, k)) continue;
      ctx.report({ messageId: 'conditionKeyDoes', data: { k } }, c.key.loc);
    }
  },
);
