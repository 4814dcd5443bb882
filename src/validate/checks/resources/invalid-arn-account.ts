import { defineCheck } from '../../define.js';
import { hasWild, resourceValues } from './shared.js';

export const invalidArnAccount = defineCheck(
  {
    issueCode: 'INVALID_ARN_ACCOUNT',
    findingType: 'ERROR',
    title: 'Invalid ARN account',
    description: 'The account field of a resource ARN is not a 12-digit account ID.',
    messages: {
      resourceArnAccount:
        'The resource ARN account ID {{account}} is not valid. Provide a 12-digit account ID.',
    },
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const account = v.fields[4];
      if (v.fields[0] !== 'arn' || v.fields.length < 6 || !account || hasWild(account)) continue;
      if (/^\d{12}$/.test(account) || account === 'aws') continue;
      ctx.report({ messageId: 'resourceArnAccount', data: { account } }, v.loc);
    }
  },
);
