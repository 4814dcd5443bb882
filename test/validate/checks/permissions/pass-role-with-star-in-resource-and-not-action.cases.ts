import { type CheckCases, id } from '../helpers.js';

/** PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: src/validate/checks/permissions/pass-role-with-star-in-resource-and-not-action.ts */
export default {
  code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
  invalid: [{ doc: id({ Action: undefined, NotAction: 's3:*' }) }],
  valid: [id({ Action: undefined, NotAction: ['s3:*', 'iam:PassRole', 'iam:CreateServiceLinkedRole'] })],
} satisfies CheckCases;
