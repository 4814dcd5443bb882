import { defineCheck } from '../../define.js';

export const emptyArrayPrincipal = defineCheck(
  {
    issueCode: 'EMPTY_ARRAY_PRINCIPAL',
    findingType: 'SUGGESTION',
    title: 'Empty array principal',
    description: 'A principal type maps to an empty array.',
    messages: {
      statementIncludesNo:
        'This statement includes no principals and does not affect the policy. Specify principals.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const [name, block] of [
        ['Principal', st.principal],
        ['NotPrincipal', st.notPrincipal],
      ] as const) {
        if (!block || block.wildcard || !/\[\s*\]/.test(ctx.text(block.loc))) continue;
        for (const type of ['AWS', 'Service', 'Federated', 'CanonicalUser']) {
          const loc = ctx.locate([...block.loc.path, { value: type }]);
          if (loc && /^\[\s*\]$/.test(ctx.text(loc))) {
            ctx.report({ messageId: 'statementIncludesNo' }, loc);
          }
        }
        void name;
      }
    }
  },
);
