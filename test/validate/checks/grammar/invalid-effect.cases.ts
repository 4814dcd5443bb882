import { type CheckCases, id } from '../helpers.js';

/** INVALID_EFFECT: src/validate/checks/grammar/invalid-effect.ts */
export default {
  code: 'INVALID_EFFECT',
  invalid: [{ doc: id({ Effect: 'allow' }), at: '"allow"' }],
  valid: [id({})],
} satisfies CheckCases;
