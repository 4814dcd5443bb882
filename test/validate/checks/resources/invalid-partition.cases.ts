import { type CheckCases, id } from '../helpers.js';

/** INVALID_PARTITION: src/validate/checks/resources/invalid-partition.ts */
export default {
  code: 'INVALID_PARTITION',
  invalid: [{ doc: id({ Resource: 'arn:amazon:s3:::bucket' }) }],
  valid: [id({ Resource: 'arn:aws-cn:s3:::bucket' })],
} satisfies CheckCases;
