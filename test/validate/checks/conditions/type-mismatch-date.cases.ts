import { type CheckCases, cond } from '../helpers.js';

/** TYPE_MISMATCH_DATE: src/validate/checks/conditions/type-mismatch-date.ts */
export default {
  code: 'TYPE_MISMATCH_DATE',
  invalid: [{ doc: cond({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }) }],
  valid: [cond({ DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } })],
} satisfies CheckCases;
