import { type CheckCases, id } from '../helpers.js';

/** INVALID_ARN_SERVICE_CASE: src/validate/checks/resources/invalid-arn-service-case.ts */
export default {
  code: 'INVALID_ARN_SERVICE_CASE',
  invalid: [{ doc: id({ Resource: 'arn:aws:S3:::bucket' }) }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket' })],
} satisfies CheckCases;
