import { defineCheck } from '../../define.js';
import { entries, isLike, onlyStar } from './shared.js';

export const redundantKeyDueToWildcardInCondition = defineCheck(
  {
    issueCode: 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION',
    findingType: 'SUGGESTION',
    title: 'Redundant key due to wildcard in condition',
    description: 'A key whose condition always matches ("*" with IfExists or ForAllValues).',
    messages: {
      keyConditionBlock:
        'The key {{value}} in the condition block of {{text}} is redundant because it is always matched. Remove this key to simplify the condition.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const always =
        isLike(c.operator.base) &&
        onlyStar(c) &&
        (c.operator.qualifier === 'ForAllValues' || (c.operator.ifExists && !c.operator.qualifier));
      if (always) {
        ctx.report(
          { messageId: 'keyConditionBlock', data: { value: c.key.value, text: c.operator.text } },
          c.key.loc,
        );
      }
    }
  },
);
