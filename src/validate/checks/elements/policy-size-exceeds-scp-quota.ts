import { defineCheck } from '../../define.js';
import { SCP_QUOTA } from './shared.js';

export const policySizeExceedsScpQuota = defineCheck(
  {
    issueCode: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
    findingType: 'ERROR',
    title: 'Policy size exceeds SCP quota',
    description: 'An SCP is larger than 5,120 characters (all characters count).',
    policyTypes: ['SERVICE_CONTROL_POLICY'],
    messages: {
      charactersServiceControl:
        'The {{size}} characters in the service control policy (SCP) exceed the {{SCP_QUOTA}} character maximum for SCPs. We recommend that you use multiple granular policies.',
    },
  },
  (ctx) => {
    if (!ctx.doc) return;
    const size = ctx.doc.text.trim().length;
    if (size > SCP_QUOTA) {
      ctx.report({ messageId: 'charactersServiceControl', data: { size, SCP_QUOTA } }, ctx.doc.loc);
    }
  },
);
