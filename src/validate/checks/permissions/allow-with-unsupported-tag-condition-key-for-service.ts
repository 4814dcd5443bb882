import { tagCheck } from './shared.js';

export const allowWithUnsupportedTagConditionKeyForService = tagCheck(
  'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
);
