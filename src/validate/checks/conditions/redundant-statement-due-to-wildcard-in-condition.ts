import { defineCheck } from '../../define.js';
import { entries, isNotLike, onlyStar } from './shared.js';

export const redundantStatementDueToWildcardInCondition = defineCheck(
  {
    issueCode: 'REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION',
    findingType: 'SUGGESTION',
    title: 'Redundant statement due to wildcard in condition',
    description: 'A key whose condition never matches (ForAnyValue with a NotLike "*").',
    messages: {
      keyConditionBlock:
        'The key {{value}} in the condition block of {{text}} does not match any values. Remove this key to simplify the condition.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (isNotLike(c.operator.base) && c.operator.qualifier === 'ForAnyValue' && onlyStar(c)) {
        ctx.report(
          { messageId: 'keyConditionBlock', data: { value: c.key.value, text: c.operator.text } },
          c.key.loc,
        );
      }
    }
  },
);
