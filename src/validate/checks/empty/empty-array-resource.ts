import { defineCheck } from '../../define.js';

export const emptyArrayResource = defineCheck(
  {
    issueCode: 'EMPTY_ARRAY_RESOURCE',
    findingType: 'SUGGESTION',
    title: 'Empty array resource',
    description: 'The Resource element is an empty array: the statement has no effect.',
    messages: {
      statementIncludesNo:
        'This statement includes no resources and does not affect the policy. Specify resources.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const name of ['Resource', 'NotResource'] as const) {
        const list = name === 'Resource' ? st.resource : st.notResource;
        if (list && list.length === 0 && /^\[\s*\]$/.test(ctx.text(ctx.elementLoc(st, name)))) {
          ctx.report({ messageId: 'statementIncludesNo' }, ctx.elementLoc(st, name));
        }
      }
    }
  },
);
