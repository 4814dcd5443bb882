import { resourceTypeRecord } from '../../../catalog/resource-types.js';
import { defineCheck } from '../../define.js';
import { sizeWithoutWhitespace } from './shared.js';

export const policySizeExceedsResourcePolicyQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
    findingType: 'WARNING',
    title: 'Policy size exceeds resource policy quota',
    description: 'A resource policy is larger than the documented quota of its resource type.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      charactersResourcePolicy:
        'The {{size}} characters in the resource policy exceed the {{quota}} character maximum for resource policies. We recommend that you use multiple granular policies.',
    },
  },
  (ctx) => {
    // Resource policy size quotas that AWS documents per resource type (the catalog's records).
    const quota = resourceTypeRecord(ctx.resourceType)?.maxPolicySize;
    if (!ctx.doc || quota === undefined) return;
    const size = sizeWithoutWhitespace(ctx.doc.text);
    if (size > quota) {
      ctx.report({ messageId: 'charactersResourcePolicy', data: { size, quota } }, ctx.doc.loc);
    }
  },
);
