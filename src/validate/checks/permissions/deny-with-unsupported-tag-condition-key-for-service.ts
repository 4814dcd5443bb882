import { tagCheck } from './shared.js';

export const denyWithUnsupportedTagConditionKeyForService = tagCheck(
  'DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
);
