import { type CheckCases, cond } from '../helpers.js';

/** ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: src/validate/checks/permissions/allow-notaction-with-unsupported-tag-condition-key-for-service.ts */
export default {
  code: 'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
  invalid: [
    {
      doc: cond({ StringEquals: { 'aws:ResourceTag/team': 'a' } }, { Action: undefined, NotAction: 'iam:*' }),
    },
  ],
  valid: [cond({ StringEquals: { 'aws:ResourceTag/team': 'a' } })],
} satisfies CheckCases;
