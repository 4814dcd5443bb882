import { BUCKET, type CheckCases, res } from '../helpers.js';

/** UNSUPPORTED_RESOURCE_ARN_IN_POLICY: src/validate/checks/resources/unsupported-resource-arn-in-policy.ts */
export default {
  code: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [{ doc: res({ Resource: 'arn:aws:kms:us-east-1:123456789012:key/abc' }) }],
  valid: [res({})],
} satisfies CheckCases;
