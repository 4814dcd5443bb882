import { type CheckCases, id } from '../helpers.js';

/** LP_ACTION_RESOURCE_MISMATCH: src/validate/checks/statements/lp-action-resource-mismatch.ts */
export default {
  code: 'LP_ACTION_RESOURCE_MISMATCH',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:::bucket' }), at: '"s3:GetObject"' }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket/*' })],
} satisfies CheckCases;
