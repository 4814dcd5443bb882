import { defineCheck } from '../../define.js';

export const rcpSyntaxErrorNotAction = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_NOTACTION',
    findingType: 'ERROR',
    title: 'RCP syntax error NotAction',
    description: 'RCPs do not support NotAction.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
    messages: { rcpsDoNot: 'RCPs do not support the NotAction element. Update to use the Action element.' },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.notAction) {
        const loc = st.notAction[0]?.loc ?? st.loc;
        ctx.report({ messageId: 'rcpsDoNot' }, loc);
      }
    }
  },
);
