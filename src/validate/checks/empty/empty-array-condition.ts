import { emptyConditionCheck } from './shared.js';

export const emptyArrayCondition = emptyConditionCheck(
  'plain',
  'EMPTY_ARRAY_CONDITION',
  'Empty array condition',
  'A condition key has no values.',
  (key) =>
    `There are no values for the condition key ${key} and it does not affect the policy. Specify conditions.`,
);
