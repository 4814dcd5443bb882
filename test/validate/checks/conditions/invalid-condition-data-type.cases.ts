import { type CheckCases, cond } from '../helpers.js';

/** INVALID_CONDITION_DATA_TYPE: src/validate/checks/conditions/invalid-condition-data-type.ts */
export default {
  code: 'INVALID_CONDITION_DATA_TYPE',
  invalid: [{ doc: cond({ StringEquals: { 'aws:username': ['a', 1] } }) }],
  valid: [cond({ StringEquals: { 'aws:username': ['a', 'b'] } })],
} satisfies CheckCases;
