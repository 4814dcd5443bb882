import { emptyConditionCheck } from './shared.js';

export const emptyArrayConditionIfExists = emptyConditionCheck(
  'IfExists',
  'EMPTY_ARRAY_CONDITION_IFEXISTS',
  'Empty array condition IfExists',
  'IfExists with no values matches only when the key is absent.',
  (key) =>
    `The IfExists suffix with an empty condition key matches only if the key ${key} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.`,
);
