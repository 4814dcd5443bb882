import { type CheckCases, id } from '../helpers.js';

// Resources
/** INVALID_ARN_PREFIX: src/validate/checks/resources/invalid-arn-prefix.ts */
export default {
  code: 'INVALID_ARN_PREFIX',
  invalid: [{ doc: id({ Resource: 's3:::bucket' }) }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket' })],
} satisfies CheckCases;
