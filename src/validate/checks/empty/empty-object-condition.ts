import { defineCheck } from '../../define.js';

export const emptyObjectCondition = defineCheck(
  {
    issueCode: 'EMPTY_OBJECT_CONDITION',
    findingType: 'SUGGESTION',
    title: 'Empty object condition',
    description: 'The Condition element is an empty object.',
    messages: {
      conditionBlockEmpty:
        'This condition block is empty and it does not affect the policy. Specify conditions.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.conditionLoc && /^\{\s*\}$/.test(ctx.text(st.conditionLoc))) {
        ctx.report({ messageId: 'conditionBlockEmpty' }, st.conditionLoc);
      }
    }
  },
);
