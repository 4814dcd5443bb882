import { defineCheck } from '../../define.js';

export const unsupportedPrincipal = defineCheck(
  {
    issueCode: 'UNSUPPORTED_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Unsupported principal',
    description: 'Identity-based policies cannot contain Principal or NotPrincipal.',
    policyTypes: ['IDENTITY_POLICY'],
    messages: {
      policyTypeDoes:
        'The policy type {{policyType}} does not support the Principal element. Remove the Principal element.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const p = st.principal ?? st.notPrincipal;
      if (p) {
        ctx.report({ messageId: 'policyTypeDoes', data: { policyType: ctx.policyType } }, p.loc);
      }
    }
  },
);
