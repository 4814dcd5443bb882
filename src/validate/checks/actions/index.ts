/** The actions checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { invalidAction } from './invalid-action.js';
import { invalidServiceInAction } from './invalid-service-in-action.js';
import { redundantAction } from './redundant-action.js';
import { unsupportedActionInPolicy } from './unsupported-action-in-policy.js';
import { wildcardInServiceName } from './wildcard-in-service-name.js';

export const actionChecks: Check[] = [
  invalidServiceInAction,
  invalidAction,
  wildcardInServiceName,
  redundantAction,
  unsupportedActionInPolicy,
];
