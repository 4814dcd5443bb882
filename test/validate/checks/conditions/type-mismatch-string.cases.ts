import { type CheckCases, cond } from '../helpers.js';

/** TYPE_MISMATCH_STRING: src/validate/checks/conditions/type-mismatch-string.ts */
export default {
  code: 'TYPE_MISMATCH_STRING',
  invalid: [{ doc: cond({ BinaryEquals: { 'aws:username': 'not base64!' } }) }],
  valid: [cond({ BinaryEquals: { 'aws:username': 'QmluYXJ5VmFsdWU=' } })],
} satisfies CheckCases;
