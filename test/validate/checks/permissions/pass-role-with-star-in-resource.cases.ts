import { type CheckCases, id } from '../helpers.js';

// PassRole and CreateServiceLinkedRole
/** PASS_ROLE_WITH_STAR_IN_RESOURCE: src/validate/checks/permissions/pass-role-with-star-in-resource.ts */
export default {
  code: 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
  invalid: [{ doc: id({ Action: 'iam:PassRole', Resource: '*' }), at: '"*"' }],
  valid: [
    id({
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    }),
  ],
} satisfies CheckCases;
