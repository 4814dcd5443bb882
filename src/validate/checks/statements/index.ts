/** The statements checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { lpActionResourceMismatch } from './lp-action-resource-mismatch.js';
import { lpAllowWithNotAction } from './lp-allow-with-not-action.js';
import { lpAllowWithNotResource } from './lp-allow-with-not-resource.js';
import { lpConditionKeyOfOtherService } from './lp-condition-key-of-other-service.js';
import { lpPublicPrincipalWithoutCondition } from './lp-public-principal-without-condition.js';
import { lpWildcardOnlyActionWithResource } from './lp-wildcard-only-action-with-resource.js';
import { redundantStatement } from './redundant-statement.js';

export const statementChecks: Check[] = [
  redundantStatement,
  lpActionResourceMismatch,
  lpWildcardOnlyActionWithResource,
  lpPublicPrincipalWithoutCondition,
  lpConditionKeyOfOtherService,
  lpAllowWithNotAction,
  lpAllowWithNotResource,
];
