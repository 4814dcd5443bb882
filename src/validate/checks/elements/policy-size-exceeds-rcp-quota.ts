import { defineCheck } from '../../define.js';
import { RCP_QUOTA } from './shared.js';

export const policySizeExceedsRcpQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
    findingType: 'ERROR',
    title: 'Policy size exceeds RCP quota',
    description: 'An RCP is larger than 5,120 characters (all characters count).',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
    messages: {
      charactersResourceControl:
        'The {{size}} characters in the resource control policy (RCP) exceed the {{RCP_QUOTA}} character maximum for RCPs. We recommend that you use multiple granular policies.',
    },
  },
  (ctx) => {
    if (!ctx.doc) return;
    const size = ctx.doc.text.trim().length;
    if (size > RCP_QUOTA) {
      ctx.report({ messageId: 'charactersResourceControl', data: { size, RCP_QUOTA } }, ctx.doc.loc);
    }
  },
);
