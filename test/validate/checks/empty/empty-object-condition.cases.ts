import { type CheckCases, cond } from '../helpers.js';

/** EMPTY_OBJECT_CONDITION: src/validate/checks/empty/empty-object-condition.ts */
export default {
  code: 'EMPTY_OBJECT_CONDITION',
  invalid: [{ doc: cond({}), at: '{}' }],
  valid: [cond({ Bool: { 'aws:SecureTransport': 'true' } })],
} satisfies CheckCases;
