import { type CheckCases, id } from '../helpers.js';

/** REDUNDANT_RESOURCE: src/validate/checks/resources/redundant-resource.ts */
export default {
  code: 'REDUNDANT_RESOURCE',
  invalid: [
    {
      doc: id({
        Action: 'iam:GetRole',
        Resource: ['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/jane*'],
      }),
      at: '"arn:aws:iam::111122223333:role/jane-admin"',
    },
  ],
  valid: [
    id({
      Action: 'iam:GetRole',
      Resource: ['arn:aws:iam::111122223333:role/jane-admin', 'arn:aws:iam::111122223333:role/john*'],
    }),
  ],
} satisfies CheckCases;
