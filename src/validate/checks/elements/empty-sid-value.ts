import { defineCheck } from '../../define.js';

export const emptySidValue = defineCheck(
  {
    issueCode: 'EMPTY_SID_VALUE',
    findingType: 'SUGGESTION',
    title: 'Empty Sid value',
    description: 'The Sid element is an empty string.',
    messages: { addValueEmpty: 'Add a value to the empty string in the Sid element.' },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.sid?.value === '') ctx.report({ messageId: 'addValueEmpty' }, st.sid.loc);
    }
  },
);
