import { big, type CheckCases, id } from '../helpers.js';

/** POLICY_SIZE_EXCEEDS_SCP_QUOTA: src/validate/checks/elements/policy-size-exceeds-scp-quota.ts */
export default {
  code: 'POLICY_SIZE_EXCEEDS_SCP_QUOTA',
  type: 'SERVICE_CONTROL_POLICY',
  invalid: [{ doc: id({ Effect: 'Deny', Action: big(200) }) }],
  valid: [id({ Effect: 'Deny' })],
} satisfies CheckCases;
