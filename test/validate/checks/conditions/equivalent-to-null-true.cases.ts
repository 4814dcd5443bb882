import { type CheckCases, cond } from '../helpers.js';

/** EQUIVALENT_TO_NULL_TRUE: src/validate/checks/conditions/equivalent-to-null-true.ts */
export default {
  code: 'EQUIVALENT_TO_NULL_TRUE',
  invalid: [{ doc: cond({ StringNotLike: { 'aws:ResourceTag/team': '*' } }) }],
  valid: [cond({ StringNotLike: { 'aws:ResourceTag/team': 'a*' } })],
} satisfies CheckCases;
