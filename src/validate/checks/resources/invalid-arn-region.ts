import { defineCheck } from '../../define.js';
import { hasWild, REGION, resourceValues } from './shared.js';

export const invalidArnRegion = defineCheck(
  {
    issueCode: 'INVALID_ARN_REGION',
    findingType: 'ERROR',
    title: 'Invalid ARN Region',
    description: 'The Region field of a resource ARN is not a Region code.',
    messages: {
      regionNotValid:
        'The Region {{region}} is not valid for this resource. Update the resource ARN to include a supported Region.',
    },
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const region = v.fields[3];
      if (v.fields[0] !== 'arn' || v.fields.length < 6 || !region || hasWild(region) || REGION.test(region))
        continue;
      ctx.report({ messageId: 'regionNotValid', data: { region } }, v.loc);
    }
  },
);
