import { familyOf } from '../../../policy/conditions.js';
import { defineCheck } from '../../define.js';
import { entries, hasLiteralWildcard, hasVariable } from './shared.js';

export const invalidRegion = defineCheck(
  {
    issueCode: 'INVALID_REGION',
    findingType: 'ERROR',
    title: 'Invalid Region',
    description: 'An aws:RequestedRegion value is not a Region code.',
    messages: {
      regionNotValid: 'The Region {{value}} is not valid. Update the condition value to a supported Region.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.keyLower !== 'aws:requestedregion' || familyOf(c.operator.base) !== 'String') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string' || hasLiteralWildcard(v.value) || hasVariable(v.value)) continue;
        if (!/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(v.value)) {
          ctx.report({ messageId: 'regionNotValid', data: { value: v.value } }, v.loc);
        }
      }
    }
  },
);
