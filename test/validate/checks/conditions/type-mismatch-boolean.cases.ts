import { type CheckCases, cond } from '../helpers.js';

/** TYPE_MISMATCH_BOOLEAN: src/validate/checks/conditions/type-mismatch-boolean.ts */
export default {
  code: 'TYPE_MISMATCH_BOOLEAN',
  invalid: [{ doc: cond({ Bool: { 'aws:SecureTransport': 'yes' } }), at: '"yes"' }],
  valid: [cond({ Bool: { 'aws:SecureTransport': 'true' } })],
} satisfies CheckCases;
