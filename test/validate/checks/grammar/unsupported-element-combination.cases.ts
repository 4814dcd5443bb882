import { type CheckCases, id } from '../helpers.js';

/** UNSUPPORTED_ELEMENT_COMBINATION: src/validate/checks/grammar/unsupported-element-combination.ts */
export default {
  code: 'UNSUPPORTED_ELEMENT_COMBINATION',
  invalid: [{ doc: id({ NotAction: 'iam:*' }) }],
  valid: [id({})],
} satisfies CheckCases;
