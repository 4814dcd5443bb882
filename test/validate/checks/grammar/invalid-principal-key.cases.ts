import { type CheckCases, res } from '../helpers.js';

/** INVALID_PRINCIPAL_KEY: src/validate/checks/grammar/invalid-principal-key.ts */
export default {
  code: 'INVALID_PRINCIPAL_KEY',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: { User: 'x' } }), at: '"User"' }],
  valid: [res({})],
} satisfies CheckCases;
