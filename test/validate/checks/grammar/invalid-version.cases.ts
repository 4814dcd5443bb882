import { type CheckCases, id } from '../helpers.js';

/** INVALID_VERSION: src/validate/checks/grammar/invalid-version.ts */
export default {
  code: 'INVALID_VERSION',
  invalid: [{ doc: id({}, { Version: '2013-01-01' }), at: '"2013-01-01"' }],
  valid: [id({})],
} satisfies CheckCases;
