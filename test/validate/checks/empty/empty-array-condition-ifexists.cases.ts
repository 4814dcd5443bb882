import { type CheckCases, cond } from '../helpers.js';

/** EMPTY_ARRAY_CONDITION_IFEXISTS: src/validate/checks/empty/empty-array-condition-ifexists.ts */
export default {
  code: 'EMPTY_ARRAY_CONDITION_IFEXISTS',
  invalid: [{ doc: cond({ StringEqualsIfExists: { 'aws:username': [] } }) }],
  valid: [cond({ StringEqualsIfExists: { 'aws:username': ['a'] } })],
} satisfies CheckCases;
