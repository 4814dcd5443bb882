import { defineCheck } from '../../define.js';

export const missingPrincipal = defineCheck(
  {
    issueCode: 'MISSING_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Missing principal',
    description: 'A resource-based policy statement has no Principal element.',
    policyTypes: ['RESOURCE_POLICY', 'RESOURCE_CONTROL_POLICY'],
    messages: { addPrincipalElement: 'Add a Principal element to the policy statement.' },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (!st.principal && !st.notPrincipal) ctx.report({ messageId: 'addPrincipalElement' }, st.loc);
    }
  },
);
