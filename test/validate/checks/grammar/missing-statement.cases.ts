import { type CheckCases, id, V } from '../helpers.js';

/** MISSING_STATEMENT: src/validate/checks/grammar/missing-statement.ts */
export default {
  code: 'MISSING_STATEMENT',
  invalid: [{ doc: { Version: V } }],
  valid: [id({})],
} satisfies CheckCases;
