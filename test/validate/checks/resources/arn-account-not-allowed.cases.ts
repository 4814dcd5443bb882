import { type CheckCases, id } from '../helpers.js';

/** ARN_ACCOUNT_NOT_ALLOWED: src/validate/checks/resources/arn-account-not-allowed.ts */
export default {
  code: 'ARN_ACCOUNT_NOT_ALLOWED',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3::123456789012:bucket/*' }), says: 's3' }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket/*' })],
} satisfies CheckCases;
