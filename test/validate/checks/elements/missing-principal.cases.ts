import { type CheckCases, id, res } from '../helpers.js';

/** MISSING_PRINCIPAL: src/validate/checks/elements/missing-principal.ts */
export default {
  code: 'MISSING_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: id({}) }],
  valid: [res({})],
} satisfies CheckCases;
