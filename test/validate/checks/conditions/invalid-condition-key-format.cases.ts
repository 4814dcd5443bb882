import { type CheckCases, cond } from '../helpers.js';

// Condition keys
/** INVALID_CONDITION_KEY_FORMAT: src/validate/checks/conditions/invalid-condition-key-format.ts */
export default {
  code: 'INVALID_CONDITION_KEY_FORMAT',
  invalid: [{ doc: cond({ StringEquals: { username: 'a' } }), at: '"username"' }],
  valid: [cond({ StringEquals: { 'aws:username': 'a' } })],
} satisfies CheckCases;
