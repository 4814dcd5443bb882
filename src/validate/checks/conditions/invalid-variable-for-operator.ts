import { supportsVariables } from '../../../policy/conditions.js';
import { findVariables } from '../../../policy/variables.js';
import { defineCheck } from '../../define.js';
import { entries } from './shared.js';

export const invalidVariableForOperator = defineCheck(
  {
    issueCode: 'INVALID_VARIABLE_FOR_OPERATOR',
    findingType: 'ERROR',
    title: 'Invalid variable for operator',
    description: 'Policy variables work only with String and ARN operators.',
    messages: { policyVariablesOnly: 'Policy variables can only be used with String and ARN operators.' },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (supportsVariables(c.operator.base)) continue;
      for (const v of c.values) {
        if (
          typeof v.value === 'string' &&
          findVariables(v.value).some((x) => !['*', '?', '$'].includes(x.key))
        ) {
          ctx.report({ messageId: 'policyVariablesOnly' }, v.loc);
        }
      }
    }
  },
);
