import { type CheckCases, cond } from '../helpers.js';

/** MISSING_TAG_KEY_IN_CONDITION: src/validate/checks/conditions/missing-tag-key-in-condition.ts */
export default {
  code: 'MISSING_TAG_KEY_IN_CONDITION',
  invalid: [{ doc: cond({ StringEquals: { 'aws:ResourceTag': 'a' } }) }],
  valid: [cond({ StringEquals: { 'aws:ResourceTag/owner': 'a' } })],
} satisfies CheckCases;
