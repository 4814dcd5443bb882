import { type CheckCases, id } from '../helpers.js';

/** PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: src/validate/checks/permissions/pass-role-with-star-in-action-and-resource.ts */
export default {
  code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
  invalid: [{ doc: id({ Action: 'iam:*', Resource: '*' }) }],
  valid: [id({ Action: 'iam:*', Resource: 'arn:aws:iam::123456789012:role/app-role' })],
} satisfies CheckCases;
