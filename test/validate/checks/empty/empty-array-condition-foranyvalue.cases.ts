import { type CheckCases, cond } from '../helpers.js';

/** EMPTY_ARRAY_CONDITION_FORANYVALUE: src/validate/checks/empty/empty-array-condition-foranyvalue.ts */
export default {
  code: 'EMPTY_ARRAY_CONDITION_FORANYVALUE',
  invalid: [{ doc: cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': [] } }) }],
  valid: [cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } })],
} satisfies CheckCases;
