import { type CheckCases, res } from '../helpers.js';

/** EMPTY_OBJECT_PRINCIPAL: src/validate/checks/empty/empty-object-principal.ts */
export default {
  code: 'EMPTY_OBJECT_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: {} }), at: '{}' }],
  valid: [res({})],
} satisfies CheckCases;
