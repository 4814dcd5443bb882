import { defineCheck } from '../../define.js';

export const emptyArrayAction = defineCheck(
  {
    issueCode: 'EMPTY_ARRAY_ACTION',
    findingType: 'SUGGESTION',
    title: 'Empty array action',
    description: 'The Action element is an empty array: the statement has no effect.',
    messages: {
      statementIncludesNo:
        'This statement includes no actions and does not affect the policy. Specify actions.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.action && st.action.length === 0 && /^\[\s*\]$/.test(ctx.text(ctx.elementLoc(st, 'Action')))) {
        ctx.report({ messageId: 'statementIncludesNo' }, ctx.elementLoc(st, 'Action'));
      }
    }
  },
);
