import { type CheckCases, cond } from '../helpers.js';

/** INVALID_DATE_VALUE: src/validate/checks/conditions/invalid-date-value.ts */
export default {
  code: 'INVALID_DATE_VALUE',
  invalid: [{ doc: cond({ DateGreaterThan: { 'aws:CurrentTime': 1700000000 } }) }],
  valid: [cond({ DateGreaterThan: { 'aws:CurrentTime': '2023-11-14' } })],
} satisfies CheckCases;
