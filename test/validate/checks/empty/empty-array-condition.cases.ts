import { type CheckCases, cond } from '../helpers.js';

/** EMPTY_ARRAY_CONDITION: src/validate/checks/empty/empty-array-condition.ts */
export default {
  code: 'EMPTY_ARRAY_CONDITION',
  invalid: [{ doc: cond({ StringEquals: { 'aws:username': [] } }) }],
  valid: [cond({ StringEquals: { 'aws:username': ['a'] } })],
} satisfies CheckCases;
