import { defineCheck } from '../../define.js';
import { resourceValues } from './shared.js';

export const invalidArnServiceCase = defineCheck(
  {
    issueCode: 'INVALID_ARN_SERVICE_CASE',
    findingType: 'ERROR',
    title: 'Invalid ARN service case',
    description: 'The service in a resource ARN must be lowercase.',
    messages: {
      updateServiceName:
        'Update the service name {{service}} in the resource ARN to use all lowercase letters.',
    },
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const service = v.fields[2];
      if (v.fields[0] === 'arn' && service && service !== service.toLowerCase() && !service.includes('${')) {
        ctx.report({ messageId: 'updateServiceName', data: { service } }, v.loc);
      }
    }
  },
);
