import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const irrelevantConditionKeyInPolicy = defineCheck(
  {
    issueCode: 'IRRELEVANT_CONDITION_KEY_IN_POLICY',
    findingType: 'SUGGESTION',
    title: 'Irrelevant condition key in policy',
    description: 's3:ResourceAccount says nothing in a bucket or access point policy.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      conditionKeyNot:
        'The condition key {{value}} is not relevant for the {{resourceType}} policy.  Use this key in an identity-based policy to govern access to this resource.',
    },
  },
  (ctx) => {
    if (ctx.resourceType !== 'AWS::S3::Bucket' && ctx.resourceType !== 'AWS::S3::AccessPoint') return;
    for (const [, c] of entries(ctx)) {
      if (c.keyLower === 's3:resourceaccount') {
        ctx.report(
          { messageId: 'conditionKeyNot', data: { value: c.key.value, resourceType: ctx.resourceType } },
          c.key.loc,
        );
      }
    }
  },
);
