// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, cond } from '../helpers.js';

/** INVALID_VARIABLE_FOR_OPERATOR: src/validate/checks/conditions/invalid-variable-for-operator.ts */
export default {
  code: 'INVALID_VARIABLE_FOR_OPERATOR',
  invalid: [
    {
      doc: cond(
        { NumericLessThan: { 's3:max-keys': '${aws:username}' } },
        { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
      ),
    },
  ],
  valid: [
    cond(
      { StringEquals: { 's3:prefix': '${aws:username}/' } },
      { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
  ],
} satisfies CheckCases;
