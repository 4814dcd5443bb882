import { type CheckCases, cond } from '../helpers.js';

/** REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION: src/validate/checks/conditions/redundant-key-due-to-wildcard-in-condition.ts */
export default {
  code: 'REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION',
  invalid: [{ doc: cond({ StringLikeIfExists: { 'aws:ResourceTag/team': '*' } }) }],
  valid: [cond({ StringLikeIfExists: { 'aws:ResourceTag/team': 'a*' } })],
} satisfies CheckCases;
