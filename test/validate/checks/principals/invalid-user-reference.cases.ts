import { type CheckCases, res } from '../helpers.js';

/** INVALID_USER_REFERENCE: src/validate/checks/principals/invalid-user-reference.ts */
export default {
  code: 'INVALID_USER_REFERENCE',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: { AWS: 'AIDA1234567890EXAMPLE' } }) }],
  valid: [res({})],
} satisfies CheckCases;
