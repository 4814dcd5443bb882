import { type CheckCases, id } from '../helpers.js';

/** LP_ALLOW_WITH_NOT_ACTION: src/validate/checks/statements/lp-allow-with-not-action.ts */
export default {
  code: 'LP_ALLOW_WITH_NOT_ACTION',
  invalid: [{ doc: id({ Action: undefined, NotAction: 'iam:*' }) }],
  valid: [id({ Effect: 'Deny', Action: undefined, NotAction: 'iam:*' })],
} satisfies CheckCases;
