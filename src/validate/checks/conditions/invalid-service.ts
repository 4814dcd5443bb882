import { serviceExists } from '../../../catalog/index.js';
import { isProviderKey } from '../../context.js';
import { defineCheck } from '../../define.js';
import { entries, keyPrefix } from './shared.js';

export const invalidService = defineCheck(
  {
    issueCode: 'INVALID_SERVICE',
    findingType: 'ERROR',
    title: 'Invalid service',
    description: 'The service prefix of a condition key does not exist.',
    messages: { serviceDoesNot: 'The service {{prefix}} does not exist. Use a valid service name.' },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      const prefix = keyPrefix(k);
      if (prefix === '' || prefix.toLowerCase() === 'aws' || serviceExists(prefix) || isProviderKey(k))
        continue;
      if (ctx.key(k)) continue;
      ctx.report({ messageId: 'serviceDoesNot', data: { prefix } }, c.key.loc);
    }
  },
);
