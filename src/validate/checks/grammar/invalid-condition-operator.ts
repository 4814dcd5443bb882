import { defineCheck } from '../../define.js';
import { fromIssues, isNullIfExists, lastName } from './shared.js';

export const invalidConditionOperator = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_OPERATOR',
    findingType: 'ERROR',
    title: 'Invalid condition operator',
    description: 'A Condition block uses an operator the policy language does not define.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_OPERATOR'], (i) => {
      const op = lastName(i);
      return isNullIfExists(op)
        ? undefined
        : `The condition operator ${op} is not valid. Use a valid condition operator.`;
    }),
);
