import { defineCheck } from '../../define.js';

export const scpSyntaxErrorActionWildcard = defineCheck(
  {
    issueCode: 'SCP_SYNTAX_ERROR_ACTION_WILDCARD',
    findingType: 'ERROR',
    title: 'SCP syntax error action wildcard',
    description: 'SCP actions may contain a wildcard (*) only at the end.',
    policyTypes: ['SERVICE_CONTROL_POLICY'],
    messages: {
      scpActionsInclude: 'SCP actions can include wildcards (*) only at the end of a string. Update {{v}}.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) {
        const v = a.value;
        const star = v.indexOf('*');
        if (v.includes('?') || (star >= 0 && star !== v.length - 1)) {
          ctx.report({ messageId: 'scpActionsInclude', data: { v } }, a.loc);
        }
      }
    }
  },
);
