import { defineCheck } from '../../define.js';
import { resourceValues } from './shared.js';

export const missingArnField = defineCheck(
  {
    issueCode: 'MISSING_ARN_FIELD',
    findingType: 'ERROR',
    title: 'Missing ARN field',
    description: 'A resource ARN has fewer than six colon-separated fields.',
    messages: {
      resourceArnsMust:
        'Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource',
    },
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      if (!v.text.startsWith('arn:') || v.fields.length >= 6) continue;
      // A trailing * may stand for the remaining fields.
      if (v.fields[v.fields.length - 1].includes('*')) continue;
      ctx.report({ messageId: 'resourceArnsMust' }, v.loc);
    }
  },
);
