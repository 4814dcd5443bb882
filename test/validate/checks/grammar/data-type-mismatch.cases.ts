import { type CheckCases, id } from '../helpers.js';

/** DATA_TYPE_MISMATCH: src/validate/checks/grammar/data-type-mismatch.ts */
export default {
  code: 'DATA_TYPE_MISMATCH',
  invalid: [{ doc: id({}, { Version: 2012 }), at: '2012' }],
  valid: [id({})],
} satisfies CheckCases;
