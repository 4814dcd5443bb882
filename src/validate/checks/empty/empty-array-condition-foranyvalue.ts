import { emptyConditionCheck } from './shared.js';

export const emptyArrayConditionForAnyValue = emptyConditionCheck(
  'ForAnyValue',
  'EMPTY_ARRAY_CONDITION_FORANYVALUE',
  'Empty array condition ForAnyValue',
  'ForAnyValue with no values never matches.',
  (key) =>
    `The ForAnyValue prefix with an empty condition key ${key} never matches the request context and it does not affect the policy. Specify conditions.`,
);
