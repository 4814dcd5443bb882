import { resourceTypeRecord } from '../../../catalog/resource-types.js';
import { defineCheck } from '../../define.js';
import { hasWild, resourceValues } from './shared.js';

export const unsupportedResourceArnInPolicy = defineCheck(
  {
    issueCode: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
    findingType: 'ERROR',
    title: 'Unsupported resource ARN in policy',
    description: "A resource-based policy names a resource of another service than its resource's.",
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      resourceArnNot:
        'The resource ARN is not supported for the resource-based policy attached to the resource type {{resourceType}}.',
    },
  },
  (ctx) => {
    const allowed = resourceTypeRecord(ctx.resourceType);
    if (!allowed || ctx.isTrustPolicy) return;
    for (const v of resourceValues(ctx)) {
      const service = v.fields[2];
      if (v.fields[0] !== 'arn' || service === undefined || hasWild(service)) continue;
      if (!allowed.services.includes(service.toLowerCase())) {
        ctx.report({ messageId: 'resourceArnNot', data: { resourceType: ctx.resourceType } }, v.loc);
      }
    }
  },
);
