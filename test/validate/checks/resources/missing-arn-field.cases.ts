import { type CheckCases, id } from '../helpers.js';

/** MISSING_ARN_FIELD: src/validate/checks/resources/missing-arn-field.ts */
export default {
  code: 'MISSING_ARN_FIELD',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:bucket' }) }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket' })],
} satisfies CheckCases;
