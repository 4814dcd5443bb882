import { type CheckCases, id } from '../helpers.js';

/** EMPTY_SID_VALUE: src/validate/checks/elements/empty-sid-value.ts */
export default {
  code: 'EMPTY_SID_VALUE',
  invalid: [{ doc: id({ Sid: '' }) }],
  valid: [id({ Sid: 'A' })],
} satisfies CheckCases;
