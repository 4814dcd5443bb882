import { defineCheck } from '../../define.js';
import { entries, isAudienceKey } from './shared.js';

export const forAnyValueWithAudienceClaimType = defineCheck(
  {
    issueCode: 'FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE',
    findingType: 'SECURITY_WARNING',
    title: 'ForAnyValue with audience claim type',
    description: 'ForAnyValue on a single-valued OIDC audience (aud) claim.',
    messages: {
      usingForanyvalueQualifier:
        'Using ForAnyValue qualifier with the single-valued condition key {{value}} can be overly permissive. We recommend that you remove ForAnyValue:.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.qualifier === 'ForAnyValue' && isAudienceKey(c.key.value)) {
        ctx.report({ messageId: 'usingForanyvalueQualifier', data: { value: c.key.value } }, c.operatorLoc);
      }
    }
  },
);
