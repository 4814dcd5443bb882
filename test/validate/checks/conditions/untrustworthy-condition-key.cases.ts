import { type CheckCases, cond } from '../helpers.js';

/** UNTRUSTWORTHY_CONDITION_KEY: src/validate/checks/conditions/untrustworthy-condition-key.ts */
export default {
  code: 'UNTRUSTWORTHY_CONDITION_KEY',
  invalid: [{ doc: cond({ StringLike: { 'aws:UserAgent': 'aws-cli*' } }) }],
  valid: [cond({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } })],
} satisfies CheckCases;
