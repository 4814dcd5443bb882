import { type CheckCases, cond } from '../helpers.js';

/** TYPE_MISMATCH_NUMBER: src/validate/checks/conditions/type-mismatch-number.ts */
export default {
  code: 'TYPE_MISMATCH_NUMBER',
  invalid: [{ doc: cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'an hour' } }) }],
  valid: [cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })],
} satisfies CheckCases;
