import { defineCheck } from '../../define.js';
import { candidates, resourceValues } from './shared.js';

export const invalidArnResource = defineCheck(
  {
    issueCode: 'INVALID_ARN_RESOURCE',
    findingType: 'ERROR',
    title: 'Invalid ARN resource',
    description: 'The resource part of an ARN matches no resource type of its service.',
    messages: {
      resourceArnDoes:
        'Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.',
    },
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const cands = candidates(v);
      if (cands && cands.length === 0) {
        ctx.report({ messageId: 'resourceArnDoes' }, v.loc);
      }
    }
  },
);
