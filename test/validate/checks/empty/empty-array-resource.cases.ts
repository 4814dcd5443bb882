import { type CheckCases, id } from '../helpers.js';

/** EMPTY_ARRAY_RESOURCE: src/validate/checks/empty/empty-array-resource.ts */
export default {
  code: 'EMPTY_ARRAY_RESOURCE',
  invalid: [{ doc: id({ Resource: [] }), at: '[]' }],
  valid: [id({})],
} satisfies CheckCases;
