import { type CheckCases, id } from '../helpers.js';

/** CREATE_SLR_WITH_STAR_IN_RESOURCE: src/validate/checks/permissions/create-slr-with-star-in-resource.ts */
export default {
  code: 'CREATE_SLR_WITH_STAR_IN_RESOURCE',
  invalid: [{ doc: id({ Action: 'iam:CreateServiceLinkedRole', Resource: '*' }) }],
  valid: [
    id({
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*',
    }),
  ],
} satisfies CheckCases;
