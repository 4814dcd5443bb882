import { defineCheck } from '../../define.js';

export const allowWithNotPrincipal = defineCheck(
  {
    issueCode: 'ALLOW_WITH_NOT_PRINCIPAL',
    findingType: 'SECURITY_WARNING',
    title: 'Allow with NotPrincipal',
    description: 'Allow with NotPrincipal grants access to everyone not listed, anonymous users included.',
    messages: {
      usingAllowNotprincipal:
        'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.effect.value === 'Allow' && st.notPrincipal) {
        ctx.report({ messageId: 'usingAllowNotprincipal' }, st.notPrincipal.loc);
      }
    }
  },
);
