import { BUCKET, big, type CheckCases, res } from '../helpers.js';

/** POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: src/validate/checks/elements/policy-size-exceeds-resource-policy-quota.ts */
export default {
  code: 'POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [{ doc: res({ Action: big(700) }) }],
  valid: [res({})],
} satisfies CheckCases;
