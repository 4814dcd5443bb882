import { defineCheck } from '../../define.js';
import { isStarPrincipal } from './shared.js';

export const rcpSyntaxErrorPrincipal = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_PRINCIPAL',
    findingType: 'ERROR',
    title: 'RCP syntax error principal',
    description: 'RCPs support only "*" in Principal and no NotPrincipal.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
  },
  (ctx) => {
    const msg =
      'The Principal element contents are not valid. RCPs only support specifying all principals ("*") in the Principal element. The NotPrincipal element is not supported for RCPs.';
    for (const st of ctx.statements) {
      if (st.notPrincipal) ctx.report(msg, st.notPrincipal.loc);
      else if (st.principal && !isStarPrincipal(st)) ctx.report(msg, st.principal.loc);
    }
  },
);
