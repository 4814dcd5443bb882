import { type CheckCases, id } from '../helpers.js';

/** PASS_ROLE_WITH_NOT_RESOURCE: src/validate/checks/permissions/pass-role-with-not-resource.ts */
export default {
  code: 'PASS_ROLE_WITH_NOT_RESOURCE',
  invalid: [
    {
      doc: id({
        Action: 'iam:PassRole',
        Resource: undefined,
        NotResource: 'arn:aws:iam::123456789012:role/admin',
      }),
    },
  ],
  valid: [id({ Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/app' })],
} satisfies CheckCases;
