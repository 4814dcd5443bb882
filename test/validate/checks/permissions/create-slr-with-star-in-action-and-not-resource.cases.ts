import { type CheckCases, id } from '../helpers.js';

/** CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: src/validate/checks/permissions/create-slr-with-star-in-action-and-not-resource.ts */
export default {
  code: 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
  invalid: [{ doc: id({ Action: 'iam:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' }) }],
  valid: [id({ Action: 'iam:*', Resource: undefined, NotResource: '*' })],
} satisfies CheckCases;
