import { type CheckCases, id } from '../helpers.js';

/** CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: src/validate/checks/permissions/create-slr-with-star-in-resource-and-not-action.ts */
export default {
  code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
  invalid: [{ doc: id({ Action: undefined, NotAction: 's3:*' }) }],
  valid: [id({ Action: undefined, NotAction: ['s3:*', 'iam:*'] })],
} satisfies CheckCases;
