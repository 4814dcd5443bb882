import { defineCheck } from '../../define.js';
import { sizeWithoutWhitespace, TRUST_POLICY_QUOTA } from './shared.js';

export const policySizeExceedsRoleTrustPolicyQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    findingType: 'WARNING',
    title: 'Policy size exceeds role trust policy quota',
    description: 'A role trust policy is larger than the default 2,048 characters, whitespace excluded.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      charactersRoleTrust:
        'The characters in the role trust policy, excluding whitespace, exceed the character maximum. We recommend that you request a role trust policy length quota increase using Service Quotas and AWS Support Center. If the quotas have already been increased, then you can ignore this warning.',
    },
  },
  (ctx) => {
    if (!ctx.doc || !ctx.isTrustPolicy) return;
    if (sizeWithoutWhitespace(ctx.doc.text) > TRUST_POLICY_QUOTA) {
      ctx.report({ messageId: 'charactersRoleTrust' }, ctx.doc.loc);
    }
  },
);
