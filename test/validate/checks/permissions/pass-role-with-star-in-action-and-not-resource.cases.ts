import { type CheckCases, id } from '../helpers.js';

/** PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: src/validate/checks/permissions/pass-role-with-star-in-action-and-not-resource.ts */
export default {
  code: 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
  invalid: [
    {
      doc: id({
        Action: 'iam:Pass*',
        Resource: undefined,
        NotResource: 'arn:aws:iam::123456789012:role/admin',
      }),
    },
  ],
  valid: [id({ Action: 'iam:Pass*', Resource: undefined, NotResource: 'arn:aws:iam::*:role/*' })],
} satisfies CheckCases;
