import { type CheckCases, id } from '../helpers.js';

/** INVALID_ARN_REGION: src/validate/checks/resources/invalid-arn-region.ts */
export default {
  code: 'INVALID_ARN_REGION',
  invalid: [{ doc: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:useast1:123456789012:q' }) }],
  valid: [id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' })],
} satisfies CheckCases;
