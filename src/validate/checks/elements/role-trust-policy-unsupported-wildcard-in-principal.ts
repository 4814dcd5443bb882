import { defineCheck } from '../../define.js';

export const roleTrustPolicyUnsupportedWildcardInPrincipal = defineCheck(
  {
    issueCode: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Role trust policy unsupported wildcard in principal',
    description: '"Principal": "*" is not supported in a role trust policy.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      principalNotSupported:
        '"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.principal?.wildcard) {
        ctx.report({ messageId: 'principalNotSupported' }, st.principal.loc);
      }
    }
  },
);
