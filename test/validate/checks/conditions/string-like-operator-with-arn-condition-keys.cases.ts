import { type CheckCases, cond } from '../helpers.js';

/** STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS: src/validate/checks/conditions/string-like-operator-with-arn-condition-keys.ts */
export default {
  code: 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS',
  invalid: [{ doc: cond({ StringLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } }) }],
  valid: [cond({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } })],
} satisfies CheckCases;
