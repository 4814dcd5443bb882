import { type CheckCases, id } from '../helpers.js';

// Elements and policy types
/** MISSING_VERSION: src/validate/checks/elements/missing-version.ts */
export default {
  code: 'MISSING_VERSION',
  invalid: [{ doc: { Statement: id({}).Statement } }],
  valid: [id({})],
} satisfies CheckCases;
