import { type CheckCases, cond } from '../helpers.js';

/** EMPTY_ARRAY_CONDITION_FORALLVALUES: src/validate/checks/empty/empty-array-condition-forallvalues.ts */
export default {
  code: 'EMPTY_ARRAY_CONDITION_FORALLVALUES',
  invalid: [{ doc: cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': [] } }) }],
  valid: [cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } })],
} satisfies CheckCases;
