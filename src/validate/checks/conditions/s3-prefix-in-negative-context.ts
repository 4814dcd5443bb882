import { familyOf, isNegatedOperator } from '../../../policy/conditions.js';
import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const s3PrefixInNegativeContext = defineCheck(
  {
    issueCode: 'S3_PREFIX_IN_NEGATIVE_CONTEXT',
    findingType: 'SECURITY_WARNING',
    title: 'S3 prefix in negative context',
    description: 's3:prefix in a Deny (or with a negated operator in an Allow) does not block listing.',
    messages: {
      usingPrefixCondition:
        'Using the s3:prefix condition key in a Deny statement or with a negated string operator does not block listing the objects under the matching prefixes. A request that specifies a shorter prefix does not match the condition and can still list those objects. To restrict listing to specific prefixes, use s3:prefix with StringLike in an Allow statement, or use a Deny statement with StringNotLike.',
    },
  },
  (ctx) => {
    for (const [st, c] of entries(ctx)) {
      if (c.keyLower !== 's3:prefix' || familyOf(c.operator.base) !== 'String') continue;
      const negated = isNegatedOperator(c.operator.base);
      const deny = st.effect.value === 'Deny';
      if (deny !== negated) {
        ctx.report({ messageId: 'usingPrefixCondition' }, c.key.loc);
      }
    }
  },
);
