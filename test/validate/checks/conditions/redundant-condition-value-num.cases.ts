import { type CheckCases, cond } from '../helpers.js';

/** REDUNDANT_CONDITION_VALUE_NUM: src/validate/checks/conditions/redundant-condition-value-num.ts */
export default {
  code: 'REDUNDANT_CONDITION_VALUE_NUM',
  invalid: [
    { doc: cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': ['2700', '3600'] } }), says: 'greatest' },
  ],
  valid: [cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })],
} satisfies CheckCases;
