import { type CheckCases, cond } from '../helpers.js';

// Qualifiers
/** MISSING_QUALIFIER: src/validate/checks/conditions/missing-qualifier.ts */
export default {
  code: 'MISSING_QUALIFIER',
  invalid: [{ doc: cond({ StringEquals: { 'aws:TagKeys': 'a' } }) }],
  valid: [cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' } })],
} satisfies CheckCases;
