import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const untrustworthyConditionKey = defineCheck(
  {
    issueCode: 'UNTRUSTWORTHY_CONDITION_KEY',
    findingType: 'SECURITY_WARNING',
    title: 'Untrustworthy condition key',
    description: 'aws:UserAgent and aws:Referer are set by the caller and can be spoofed.',
    messages: {
      conditionKeyNot:
        'The {{value}} condition key is not recommended for access control as it can be spoofed/manipulated by the caller.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower === 'aws:useragent' || c.keyLower === 'aws:referer') {
        ctx.report({ messageId: 'conditionKeyNot', data: { value: c.key.value } }, c.key.loc);
      }
    }
  },
);
