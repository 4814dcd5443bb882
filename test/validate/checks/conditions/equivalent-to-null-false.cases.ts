import { type CheckCases, cond } from '../helpers.js';

/** EQUIVALENT_TO_NULL_FALSE: src/validate/checks/conditions/equivalent-to-null-false.ts */
export default {
  code: 'EQUIVALENT_TO_NULL_FALSE',
  invalid: [{ doc: cond({ StringLike: { 'aws:ResourceTag/team': '*' } }) }],
  valid: [cond({ StringLike: { 'aws:ResourceTag/team': 'a*' } })],
} satisfies CheckCases;
