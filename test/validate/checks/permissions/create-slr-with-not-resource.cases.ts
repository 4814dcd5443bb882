import { type CheckCases, id } from '../helpers.js';

/** CREATE_SLR_WITH_NOT_RESOURCE: src/validate/checks/permissions/create-slr-with-not-resource.ts */
export default {
  code: 'CREATE_SLR_WITH_NOT_RESOURCE',
  invalid: [
    {
      doc: id({ Action: 'iam:CreateServiceLinkedRole', Resource: undefined, NotResource: 'arn:aws:s3:::b' }),
    },
  ],
  valid: [
    id({
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*',
    }),
  ],
} satisfies CheckCases;
