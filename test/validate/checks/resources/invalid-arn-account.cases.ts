import { type CheckCases, id } from '../helpers.js';

/** INVALID_ARN_ACCOUNT: src/validate/checks/resources/invalid-arn-account.ts */
export default {
  code: 'INVALID_ARN_ACCOUNT',
  invalid: [{ doc: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::1234:role/x' }) }],
  valid: [id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:role/x' })],
} satisfies CheckCases;
