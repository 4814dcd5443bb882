import { type CheckCases, id } from '../helpers.js';

/** CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE: src/validate/checks/permissions/create-slr-with-not-action-and-not-resource.ts */
export default {
  code: 'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
  invalid: [
    { doc: id({ Action: undefined, NotAction: 's3:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' }) },
  ],
  valid: [id({ Action: undefined, NotAction: 'iam:*', Resource: undefined, NotResource: 'arn:aws:s3:::b' })],
} satisfies CheckCases;
