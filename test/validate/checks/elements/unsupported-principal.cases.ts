import { type CheckCases, id } from '../helpers.js';

/** UNSUPPORTED_PRINCIPAL: src/validate/checks/elements/unsupported-principal.ts */
export default {
  code: 'UNSUPPORTED_PRINCIPAL',
  invalid: [{ doc: id({ Principal: '*' }) }],
  valid: [id({})],
} satisfies CheckCases;
