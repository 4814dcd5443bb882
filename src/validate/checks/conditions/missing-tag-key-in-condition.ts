import { defineCheck } from '../../define.js';
import { entries, isMissingTagKey, keyPrefix } from './shared.js';

export const missingTagKeyInCondition = defineCheck(
  {
    issueCode: 'MISSING_TAG_KEY_IN_CONDITION',
    findingType: 'ERROR',
    title: 'Missing tag key in condition',
    description: 'A tag condition key lacks its /tag-key suffix.',
    messages: {
      conditionKeyMust:
        'The condition key {{k}} must include a tag key to control access based on tags. Use the format {{name}}tag-key and specify a key name for tag-key.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const k = c.key.value;
      if (keyPrefix(k) === '' || ctx.key(k)) continue;
      if (isMissingTagKey(ctx, k)) {
        const name = k.endsWith('/') ? k : `${k}/`;
        ctx.report({ messageId: 'conditionKeyMust', data: { k, name } }, c.key.loc);
      }
    }
  },
);
