import { type CheckCases, cond } from '../helpers.js';

/** NULL_WITH_IF_EXISTS: src/validate/checks/grammar/null-with-if-exists.ts */
export default {
  code: 'NULL_WITH_IF_EXISTS',
  invalid: [{ doc: cond({ NullIfExists: { 'aws:username': 'true' } }) }],
  valid: [cond({ Null: { 'aws:username': 'true' } })],
} satisfies CheckCases;
