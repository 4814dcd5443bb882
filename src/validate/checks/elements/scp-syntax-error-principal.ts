import { defineCheck } from '../../define.js';

export const scpSyntaxErrorPrincipal = defineCheck(
  {
    issueCode: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    findingType: 'ERROR',
    title: 'SCP syntax error principal',
    description: 'SCPs do not support Principal or NotPrincipal.',
    policyTypes: ['SERVICE_CONTROL_POLICY'],
    messages: {
      scpsDoNot: 'SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const p = st.principal ?? st.notPrincipal;
      if (p) ctx.report({ messageId: 'scpsDoNot' }, p.loc);
    }
  },
);
