import { serviceExists } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { entries, isMissingTagKey, keyPrefix } from './shared.js';

export const invalidServiceConditionKey = defineCheck(
  {
    issueCode: 'INVALID_SERVICE_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Invalid service condition key',
    description: 'A service condition key that the service does not define.',
    messages: {
      conditionKeyDoes:
        'The condition key {{k}} does not exist in the service {{prefix}}. Use a valid condition key.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      const prefix = keyPrefix(k);
      if (prefix === '' || prefix.toLowerCase() === 'aws' || !serviceExists(prefix)) continue;
      if (ctx.key(k) || isMissingTagKey(ctx, k)) continue;
      ctx.report({ messageId: 'conditionKeyDoes', data: { k, prefix } }, c.key.loc);
    }
  },
);
