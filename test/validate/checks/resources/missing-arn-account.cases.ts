import { type CheckCases, id } from '../helpers.js';

/** MISSING_ARN_ACCOUNT: src/validate/checks/resources/missing-arn-account.ts */
export default {
  code: 'MISSING_ARN_ACCOUNT',
  invalid: [{ doc: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1::q' }) }],
  valid: [id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' })],
} satisfies CheckCases;
