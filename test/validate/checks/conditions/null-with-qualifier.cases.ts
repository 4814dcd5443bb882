import { type CheckCases, cond } from '../helpers.js';

/** NULL_WITH_QUALIFIER: src/validate/checks/conditions/null-with-qualifier.ts */
export default {
  code: 'NULL_WITH_QUALIFIER',
  invalid: [{ doc: cond({ 'ForAnyValue:Null': { 'aws:TagKeys': 'true' } }) }],
  valid: [cond({ Null: { 'aws:TagKeys': 'true' } })],
} satisfies CheckCases;
