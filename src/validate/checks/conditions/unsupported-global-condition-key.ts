import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const unsupportedGlobalConditionKey = defineCheck(
  {
    issueCode: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Unsupported global condition key',
    description: 'aws:ARN is not a supported condition key.',
    messages: {
      conditionKeyAws:
        'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower === 'aws:arn') {
        ctx.report({ messageId: 'conditionKeyAws' }, c.key.loc);
      }
    }
  },
);
