import { type CheckCases, id } from '../helpers.js';

// Empty arrays and objects
/** EMPTY_ARRAY_ACTION: src/validate/checks/empty/empty-array-action.ts */
export default {
  code: 'EMPTY_ARRAY_ACTION',
  invalid: [{ doc: id({ Action: [] }), at: '[]' }],
  valid: [id({})],
} satisfies CheckCases;
