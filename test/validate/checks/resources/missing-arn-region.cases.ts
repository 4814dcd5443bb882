import { type CheckCases, id } from '../helpers.js';

/** MISSING_ARN_REGION: src/validate/checks/resources/missing-arn-region.ts */
export default {
  code: 'MISSING_ARN_REGION',
  invalid: [{ doc: id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs::123456789012:q' }) }],
  valid: [id({ Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:123456789012:q' })],
} satisfies CheckCases;
