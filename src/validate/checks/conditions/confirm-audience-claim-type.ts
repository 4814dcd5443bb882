import { defineCheck } from '../../define.js';
import { entries, isAudienceKey } from './shared.js';

export const confirmAudienceClaimType = defineCheck(
  {
    issueCode: 'CONFIRM_AUDIENCE_CLAIM_TYPE',
    findingType: 'SUGGESTION',
    title: 'Confirm audience claim type',
    description: 'ForAllValues on an OIDC audience (aud) claim, which is usually single-valued.',
    messages: {
      audClaimKey:
        'The "{{value}}" (aud) claim key identifies the recipients that the JSON web token is intended for. Because this claim is single-valued, do not use a qualifier.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier === 'ForAllValues' && isAudienceKey(c.key.value)) {
        ctx.report({ messageId: 'audClaimKey', data: { value: c.key.value } }, c.operatorLoc);
      }
    }
  },
);
