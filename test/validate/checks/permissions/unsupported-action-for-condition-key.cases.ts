import { type CheckCases, cond } from '../helpers.js';

/** UNSUPPORTED_ACTION_FOR_CONDITION_KEY: src/validate/checks/permissions/unsupported-action-for-condition-key.ts */
export default {
  code: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
  invalid: [
    {
      doc: cond(
        { StringEquals: { 's3:x-amz-acl': 'private' } },
        { Action: ['s3:PutObject', 's3:GetObject'] },
      ),
      says: 's3:GetObject',
    },
  ],
  valid: [cond({ StringEquals: { 's3:x-amz-acl': 'private' } }, { Action: ['s3:PutObject'] })],
} satisfies CheckCases;
