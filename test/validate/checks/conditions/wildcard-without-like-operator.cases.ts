import { type CheckCases, cond } from '../helpers.js';

// Wildcards in values
/** WILDCARD_WITHOUT_LIKE_OPERATOR: src/validate/checks/conditions/wildcard-without-like-operator.ts */
export default {
  code: 'WILDCARD_WITHOUT_LIKE_OPERATOR',
  invalid: [{ doc: cond({ StringEquals: { 'aws:PrincipalTag/job': 'admin-*' } }), at: '"admin-*"' }],
  valid: [cond({ StringLike: { 'aws:PrincipalTag/job': 'admin-*' } })],
} satisfies CheckCases;
