import { type CheckCases, id } from '../helpers.js';

/** LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE: src/validate/checks/statements/lp-wildcard-only-action-with-resource.ts */
export default {
  code: 'LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE',
  invalid: [{ doc: id({ Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::bucket' }) }],
  valid: [id({ Action: 's3:ListAllMyBuckets' })],
} satisfies CheckCases;
