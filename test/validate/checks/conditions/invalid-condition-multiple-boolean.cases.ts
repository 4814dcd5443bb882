import { type CheckCases, cond } from '../helpers.js';

/** INVALID_CONDITION_MULTIPLE_BOOLEAN: src/validate/checks/conditions/invalid-condition-multiple-boolean.ts */
export default {
  code: 'INVALID_CONDITION_MULTIPLE_BOOLEAN',
  invalid: [{ doc: cond({ Bool: { 'aws:SecureTransport': ['true', 'false'] } }) }],
  valid: [cond({ Bool: { 'aws:SecureTransport': 'false' } })],
} satisfies CheckCases;
