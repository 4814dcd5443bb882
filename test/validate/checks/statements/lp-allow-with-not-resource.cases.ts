import { type CheckCases, id } from '../helpers.js';

/** LP_ALLOW_WITH_NOT_RESOURCE: src/validate/checks/statements/lp-allow-with-not-resource.ts */
export default {
  code: 'LP_ALLOW_WITH_NOT_RESOURCE',
  invalid: [{ doc: id({ Resource: undefined, NotResource: 'arn:aws:s3:::secret/*' }) }],
  valid: [id({ Effect: 'Deny', Resource: undefined, NotResource: 'arn:aws:s3:::secret/*' })],
} satisfies CheckCases;
