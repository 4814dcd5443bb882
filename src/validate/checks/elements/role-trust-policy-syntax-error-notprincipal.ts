import { defineCheck } from '../../define.js';

export const roleTrustPolicySyntaxErrorNotPrincipal = defineCheck(
  {
    issueCode: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
    findingType: 'ERROR',
    title: 'Role trust policy syntax error notprincipal',
    description: 'Role trust policies do not support NotPrincipal.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      roleTrustPolicies:
        'Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.notPrincipal) {
        ctx.report({ messageId: 'roleTrustPolicies' }, st.notPrincipal.loc);
      }
    }
  },
);
