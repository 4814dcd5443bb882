import { type CheckCases, cond } from '../helpers.js';

/** ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: src/validate/checks/permissions/allow-with-unsupported-tag-condition-key-for-service.ts */
export default {
  code: 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
  invalid: [
    {
      doc: cond(
        { StringEquals: { 'aws:ResourceTag/team': 'a' } },
        { Action: ['s3:GetObject', 'sts:GetCallerIdentity'] },
      ),
    },
  ],
  valid: [cond({ StringEquals: { 'aws:ResourceTag/team': 'a' } })],
} satisfies CheckCases;
