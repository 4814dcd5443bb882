import { tagCheck } from './shared.js';

export const allowNotactionWithUnsupportedTagConditionKeyForService = tagCheck(
  'ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
);
