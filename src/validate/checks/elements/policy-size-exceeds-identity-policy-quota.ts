import { defineCheck } from '../../define.js';
import { MANAGED_POLICY_QUOTA, sizeWithoutWhitespace } from './shared.js';

export const policySizeExceedsIdentityPolicyQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    findingType: 'WARNING',
    title: 'Policy size exceeds identity policy quota',
    description: 'A managed policy is larger than 6,144 characters, whitespace excluded.',
    policyTypes: ['IDENTITY_POLICY'],
    messages: {
      charactersIdentityPolicy:
        'The {{size}} characters in the identity policy, excluding whitespace, exceed the {{MANAGED_POLICY_QUOTA}} character maximum for inline and managed policies. We recommend that you use multiple granular policies.',
    },
  },
  (ctx) => {
    if (!ctx.doc || ctx.doc.text.length <= MANAGED_POLICY_QUOTA) return;
    const size = sizeWithoutWhitespace(ctx.doc.text);
    if (size > MANAGED_POLICY_QUOTA) {
      ctx.report(
        { messageId: 'charactersIdentityPolicy', data: { size, MANAGED_POLICY_QUOTA } },
        ctx.doc.loc,
      );
    }
  },
);
