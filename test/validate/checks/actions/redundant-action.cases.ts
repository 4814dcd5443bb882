import { type CheckCases, id } from '../helpers.js';

/** REDUNDANT_ACTION: src/validate/checks/actions/redundant-action.ts */
export default {
  code: 'REDUNDANT_ACTION',
  invalid: [
    {
      doc: id({ Action: ['iam:Get*', 'iam:List*', 'iam:GetCredentialReport'] }),
      at: '"iam:GetCredentialReport"',
    },
  ],
  valid: [id({ Action: ['iam:Get*', 'iam:List*', 'iam:*CredentialReport'] })],
} satisfies CheckCases;
