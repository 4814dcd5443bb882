import { type CheckCases, id } from '../helpers.js';

/** UNSUPPORTED_SID: src/validate/checks/elements/unsupported-sid.ts */
export default {
  code: 'UNSUPPORTED_SID',
  invalid: [{ doc: id({ Sid: 'Read objects' }), at: '"Read objects"' }],
  valid: [id({ Sid: 'ReadObjects' })],
} satisfies CheckCases;
