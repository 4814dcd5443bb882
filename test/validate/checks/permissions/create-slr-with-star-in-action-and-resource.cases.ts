import { type CheckCases, id } from '../helpers.js';

/** CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: src/validate/checks/permissions/create-slr-with-star-in-action-and-resource.ts */
export default {
  code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
  invalid: [{ doc: id({ Action: 'iam:Create*', Resource: '*' }) }],
  valid: [id({ Action: 'iam:CreateRole', Resource: '*' })],
} satisfies CheckCases;
