import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const nullWithQualifier = defineCheck(
  {
    issueCode: 'NULL_WITH_QUALIFIER',
    findingType: 'SUGGESTION',
    title: 'Null with qualifier',
    description: 'Null with ForAllValues/ForAnyValue always returns true/false.',
    messages: {
      avoidUsingNull:
        'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base === 'Null' && c.operator.qualifier) {
        ctx.report({ messageId: 'avoidUsingNull' }, c.operatorLoc);
      }
    }
  },
);
