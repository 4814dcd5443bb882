import { type CheckCases, cond } from '../helpers.js';

/** INVALID_CONDITION_OPERATOR: src/validate/checks/grammar/invalid-condition-operator.ts */
export default {
  code: 'INVALID_CONDITION_OPERATOR',
  invalid: [{ doc: cond({ StringEqualz: { 'aws:username': 'a' } }), at: '"StringEqualz"' }],
  valid: [cond({ StringEquals: { 'aws:username': 'a' } })],
} satisfies CheckCases;
