import { type CheckCases, cond } from '../helpers.js';

/** DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: src/validate/checks/permissions/deny-notaction-with-unsupported-tag-condition-key-for-service.ts */
export default {
  code: 'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
  invalid: [
    {
      doc: cond(
        { StringEquals: { 'aws:ResourceTag/status': 'Confidential' } },
        { Effect: 'Deny', Action: undefined, NotAction: 's3:GetObject' },
      ),
    },
  ],
  valid: [cond({ StringEquals: { 'aws:ResourceTag/status': 'Confidential' } }, { Effect: 'Deny' })],
} satisfies CheckCases;
