import { type CheckCases, id } from '../helpers.js';

/** ARN_REGION_NOT_ALLOWED: src/validate/checks/resources/arn-region-not-allowed.ts */
export default {
  code: 'ARN_REGION_NOT_ALLOWED',
  invalid: [{ doc: id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam:us-east-1:123456789012:role/x' }) }],
  valid: [id({ Action: 'iam:GetRole', Resource: 'arn:aws:iam::123456789012:role/x' })],
} satisfies CheckCases;
