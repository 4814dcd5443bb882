import { defineCheck } from '../../define.js';

export const roleTrustPolicySyntaxErrorResource = defineCheck(
  {
    issueCode: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
    findingType: 'ERROR',
    title: 'Role trust policy syntax error resource',
    description: 'Role trust policies cannot contain Resource or NotResource.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      roleTrustPolicies:
        'Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      const list = st.resource ?? st.notResource;
      if (list) {
        ctx.report({ messageId: 'roleTrustPolicies' }, list[0]?.loc ?? st.loc);
      }
    }
  },
);
