import { emptyConditionCheck } from './shared.js';

export const emptyArrayConditionForAllValues = emptyConditionCheck(
  'ForAllValues',
  'EMPTY_ARRAY_CONDITION_FORALLVALUES',
  'Empty array condition ForAllValues',
  'ForAllValues with no values matches only when the key is absent.',
  (key) =>
    `The ForAllValues prefix with an empty condition key matches only if the key ${key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.`,
);
