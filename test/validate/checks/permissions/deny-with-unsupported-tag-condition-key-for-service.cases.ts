import { type CheckCases, cond } from '../helpers.js';

// Tag condition keys
/** DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: src/validate/checks/permissions/deny-with-unsupported-tag-condition-key-for-service.ts */
export default {
  code: 'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
  invalid: [
    {
      doc: cond(
        { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } },
        { Effect: 'Deny', Action: ['s3:GetObject', 'sts:GetCallerIdentity'] },
      ),
      says: 'sts',
    },
  ],
  valid: [
    cond(
      { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } },
      { Effect: 'Deny', Action: ['s3:GetObject'] },
    ),
  ],
} satisfies CheckCases;
