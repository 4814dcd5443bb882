import { big, type CheckCases, res } from '../helpers.js';

/** POLICY_SIZE_EXCEEDS_RCP_QUOTA: src/validate/checks/elements/policy-size-exceeds-rcp-quota.ts */
export default {
  code: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
  type: 'RESOURCE_CONTROL_POLICY',
  invalid: [{ doc: res({ Effect: 'Deny', Principal: '*', Action: big(200) }) }],
  valid: [res({ Effect: 'Deny', Principal: '*' })],
} satisfies CheckCases;
