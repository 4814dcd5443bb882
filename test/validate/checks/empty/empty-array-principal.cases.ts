import { type CheckCases, res } from '../helpers.js';

/** EMPTY_ARRAY_PRINCIPAL: src/validate/checks/empty/empty-array-principal.ts */
export default {
  code: 'EMPTY_ARRAY_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: { AWS: [] } }), at: '[]' }],
  valid: [res({})],
} satisfies CheckCases;
