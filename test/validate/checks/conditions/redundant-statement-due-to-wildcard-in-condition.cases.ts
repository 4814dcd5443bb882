import { type CheckCases, cond } from '../helpers.js';

/** REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION: src/validate/checks/conditions/redundant-statement-due-to-wildcard-in-condition.ts */
export default {
  code: 'REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION',
  invalid: [{ doc: cond({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': '*' } }) }],
  valid: [cond({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': 'a*' } })],
} satisfies CheckCases;
