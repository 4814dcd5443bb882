import { BUCKET, type CheckCases, res } from '../helpers.js';

/** UNSUPPORTED_ACTION_IN_POLICY: src/validate/checks/actions/unsupported-action-in-policy.ts */
export default {
  code: 'UNSUPPORTED_ACTION_IN_POLICY',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [{ doc: res({ Action: 'kms:Decrypt' }), at: '"kms:Decrypt"' }],
  valid: [res({})],
} satisfies CheckCases;
