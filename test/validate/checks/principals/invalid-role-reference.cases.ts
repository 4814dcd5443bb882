import { type CheckCases, res } from '../helpers.js';

/** INVALID_ROLE_REFERENCE: src/validate/checks/principals/invalid-role-reference.ts */
export default {
  code: 'INVALID_ROLE_REFERENCE',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: { AWS: 'AROA1234567890EXAMPLE' } }) }],
  valid: [res({})],
} satisfies CheckCases;
