import { familyOf } from '../../../policy/conditions.js';
import { defineCheck } from '../../define.js';
import { entries, hasLiteralWildcard } from './shared.js';

export const wildcardWithoutLikeOperator = defineCheck(
  {
    issueCode: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
    findingType: 'WARNING',
    title: 'Wildcard without like operator',
    description: 'A value contains * or ? but the operator does not do wildcard matching.',
    messages: {
      yourConditionValue:
        'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      const fam = familyOf(c.operator.base);
      if ((fam !== 'String' && fam !== 'Arn') || c.operator.base.includes('Like')) continue;
      for (const v of c.values) {
        if (hasLiteralWildcard(v.value)) {
          ctx.report({ messageId: 'yourConditionValue' }, v.loc);
        }
      }
    }
  },
);
