import { baseKeyType } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const stringLikeOperatorWithArnConditionKeys = defineCheck(
  {
    issueCode: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
    findingType: 'SECURITY_WARNING',
    title: 'String like operator with ARN condition keys',
    description: 'StringLike on an ARN key: ArnLike matches ARN components separately.',
    messages: {
      operatorTypeInstead:
        'Use the operator type {{allowed}} instead of operator {{text}} for the condition key {{value}}.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (c.operator.base !== 'StringLike' && c.operator.base !== 'StringNotLike') continue;
      const info = ctx.key(c.key.value);
      if (!info || baseKeyType(info.type) !== 'ARN') continue;
      const allowed = c.operator.base === 'StringLike' ? 'ArnLike' : 'ArnNotLike';
      ctx.report(
        { messageId: 'operatorTypeInstead', data: { allowed, text: c.operator.text, value: c.key.value } },
        c.operatorLoc,
      );
    }
  },
);
