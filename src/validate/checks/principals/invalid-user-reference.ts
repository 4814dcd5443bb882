import { defineCheck } from '../../define.js';
import { principalEntries } from './shared.js';

export const invalidUserReference = defineCheck(
  {
    issueCode: 'INVALID_USER_REFERENCE',
    findingType: 'WARNING',
    title: 'Invalid user reference',
    description: 'The Principal names a user by its unique ID (AIDA...) instead of its ARN.',
    messages: {
      principalElementIncludes:
        'The Principal element includes the IAM user ID {{value}}. We recommend that you use a user ARN instead.',
    },
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'AWS' && /^AIDA[A-Z0-9]{12,}$/.test(e.value.value)) {
        ctx.report({ messageId: 'principalElementIncludes', data: { value: e.value.value } }, e.value.loc);
      }
    }
  },
);
