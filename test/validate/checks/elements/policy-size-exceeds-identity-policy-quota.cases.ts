import { big, type CheckCases, id } from '../helpers.js';

/** POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: src/validate/checks/elements/policy-size-exceeds-identity-policy-quota.ts */
export default {
  code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
  invalid: [{ doc: id({ Action: big(200) }) }],
  valid: [id({})],
} satisfies CheckCases;
