import { defineCheck } from '../../define.js';
import { isStarPrincipal } from './shared.js';

export const rcpSyntaxErrorAllow = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_ALLOW',
    findingType: 'ERROR',
    title: 'RCP syntax error allow',
    description: 'An RCP Allow statement must have Principal "*", Resource "*" and no Condition.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
    messages: {
      rcpsOnlySupport:
        'RCPs only support specifying all principals ("*") in the Principal element, all resources ("*") in the Resource element, and no Condition element with an effect of Allow.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      const resourceStar = st.resource?.length === 1 && st.resource[0].value === '*' && !st.notResource;
      const ok = isStarPrincipal(st) && !st.notPrincipal && resourceStar && !st.conditionLoc;
      if (!ok) {
        ctx.report({ messageId: 'rcpsOnlySupport' }, st.effect.loc);
      }
    }
  },
);
