import { defineCheck } from '../../define.js';

export const emptyObjectPrincipal = defineCheck(
  {
    issueCode: 'EMPTY_OBJECT_PRINCIPAL',
    findingType: 'SUGGESTION',
    title: 'Empty object principal',
    description: 'The Principal element is an empty object.',
    messages: {
      statementIncludesNo:
        'This statement includes no principals and does not affect the policy. Specify principals.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const block of [st.principal, st.notPrincipal]) {
        if (block && !block.wildcard && /^\{\s*\}$/.test(ctx.text(block.loc))) {
          ctx.report({ messageId: 'statementIncludesNo' }, block.loc);
        }
      }
    }
  },
);
