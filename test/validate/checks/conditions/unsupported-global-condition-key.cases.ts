import { type CheckCases, cond } from '../helpers.js';

/** UNSUPPORTED_GLOBAL_CONDITION_KEY: src/validate/checks/conditions/unsupported-global-condition-key.ts */
export default {
  code: 'UNSUPPORTED_GLOBAL_CONDITION_KEY',
  invalid: [{ doc: cond({ ArnEquals: { 'aws:ARN': 'arn:aws:iam::123456789012:root' } }) }],
  valid: [cond({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:root' } })],
} satisfies CheckCases;
