/** The empty checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { emptyArrayAction } from './empty-array-action.js';
import { emptyArrayCondition } from './empty-array-condition.js';
import { emptyArrayConditionForAllValues } from './empty-array-condition-forallvalues.js';
import { emptyArrayConditionForAnyValue } from './empty-array-condition-foranyvalue.js';
import { emptyArrayConditionIfExists } from './empty-array-condition-ifexists.js';
import { emptyArrayPrincipal } from './empty-array-principal.js';
import { emptyArrayResource } from './empty-array-resource.js';
import { emptyObjectCondition } from './empty-object-condition.js';
import { emptyObjectPrincipal } from './empty-object-principal.js';

export const emptyChecks: Check[] = [
  emptyArrayAction,
  emptyArrayResource,
  emptyArrayPrincipal,
  emptyObjectPrincipal,
  emptyObjectCondition,
  emptyArrayCondition,
  emptyArrayConditionForAllValues,
  emptyArrayConditionForAnyValue,
  emptyArrayConditionIfExists,
];
