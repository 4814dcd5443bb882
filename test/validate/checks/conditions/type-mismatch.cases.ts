import { type CheckCases, cond } from '../helpers.js';

// Operators and values
/** TYPE_MISMATCH: src/validate/checks/conditions/type-mismatch.ts */
export default {
  code: 'TYPE_MISMATCH',
  invalid: [{ doc: cond({ StringEquals: { 'aws:CurrentTime': '2025-01-01' } }), says: 'Date' }],
  valid: [cond({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01' } })],
} satisfies CheckCases;
