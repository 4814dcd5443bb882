import { tagCheck } from './shared.js';

export const denyNotactionWithUnsupportedTagConditionKeyForService = tagCheck(
  'DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
);
