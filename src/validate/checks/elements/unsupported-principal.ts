import { defineCheck } from '../../define.js';

export const unsupportedPrincipal = defineCheck(
  {
    issueCode: 'UNSUPPORTED_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Unsupported principal',
    description: 'Identity-based policies cannot contain Principal or NotPrincipal.',
    policyTypes: ['IDENTITY_POLICY'],
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const p = st.principal ?? st.notPrincipal;
      if (p) {
        ctx.report(
          `The policy type ${ctx.policyType} does not support the Principal element. Remove the Principal element.`,
          p.loc,
        );
      }
    }
  },
);
