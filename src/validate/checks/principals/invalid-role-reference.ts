import { defineCheck } from '../../define.js';
import { principalEntries } from './shared.js';

export const invalidRoleReference = defineCheck(
  {
    issueCode: 'INVALID_ROLE_REFERENCE',
    findingType: 'WARNING',
    title: 'Invalid role reference',
    description: 'The Principal names a role by its unique ID (AROA...) instead of its ARN.',
    messages: {
      principalElementIncludes:
        'The Principal element includes the IAM role ID {{value}}. We recommend that you use a role ARN instead.',
    },
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'AWS' && /^AROA[A-Z0-9]{12,}$/.test(e.value.value)) {
        ctx.report({ messageId: 'principalElementIncludes', data: { value: e.value.value } }, e.value.loc);
      }
    }
  },
);
