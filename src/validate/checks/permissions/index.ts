/** The permissions checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { allowNotactionWithUnsupportedTagConditionKeyForService } from './allow-notaction-with-unsupported-tag-condition-key-for-service.js';
import { allowWithUnsupportedTagConditionKeyForService } from './allow-with-unsupported-tag-condition-key-for-service.js';
import { createSlrWithNotActionAndNotResource } from './create-slr-with-not-action-and-not-resource.js';
import { createSlrWithNotResource } from './create-slr-with-not-resource.js';
import { createSlrWithStarInActionAndNotResource } from './create-slr-with-star-in-action-and-not-resource.js';
import { createSlrWithStarInActionAndResource } from './create-slr-with-star-in-action-and-resource.js';
import { createSlrWithStarInResource } from './create-slr-with-star-in-resource.js';
import { createSlrWithStarInResourceAndNotAction } from './create-slr-with-star-in-resource-and-not-action.js';
import { denyNotactionWithUnsupportedTagConditionKeyForService } from './deny-notaction-with-unsupported-tag-condition-key-for-service.js';
import { denyWithUnsupportedTagConditionKeyForService } from './deny-with-unsupported-tag-condition-key-for-service.js';
import { passRoleWithNotActionAndNotResource } from './pass-role-with-not-action-and-not-resource.js';
import { passRoleWithNotResource } from './pass-role-with-not-resource.js';
import { passRoleWithStarInActionAndNotResource } from './pass-role-with-star-in-action-and-not-resource.js';
import { passRoleWithStarInActionAndResource } from './pass-role-with-star-in-action-and-resource.js';
import { passRoleWithStarInResource } from './pass-role-with-star-in-resource.js';
import { passRoleWithStarInResourceAndNotAction } from './pass-role-with-star-in-resource-and-not-action.js';
import { rcpMissingRelatedPrincipalConditionKey } from './rcp-missing-related-principal-condition-key.js';
import { rcpMissingRelatedServicePrincipalConditionKey } from './rcp-missing-related-service-principal-condition-key.js';
import { rcpMissingServiceConditionKeyNullCheck } from './rcp-missing-service-condition-key-null-check.js';
import { unsupportedActionForConditionKey } from './unsupported-action-for-condition-key.js';
import { useConditionKeyOnlyWithSupportedServices } from './use-condition-key-only-with-supported-services.js';

export const permissionChecks: Check[] = [
  passRoleWithStarInResource,
  passRoleWithStarInActionAndResource,
  passRoleWithNotResource,
  passRoleWithStarInActionAndNotResource,
  passRoleWithNotActionAndNotResource,
  passRoleWithStarInResourceAndNotAction,
  createSlrWithStarInResource,
  createSlrWithStarInActionAndResource,
  createSlrWithNotResource,
  createSlrWithStarInActionAndNotResource,
  createSlrWithNotActionAndNotResource,
  createSlrWithStarInResourceAndNotAction,
  denyWithUnsupportedTagConditionKeyForService,
  denyNotactionWithUnsupportedTagConditionKeyForService,
  allowWithUnsupportedTagConditionKeyForService,
  allowNotactionWithUnsupportedTagConditionKeyForService,
  unsupportedActionForConditionKey,
  useConditionKeyOnlyWithSupportedServices,
  rcpMissingRelatedPrincipalConditionKey,
  rcpMissingRelatedServicePrincipalConditionKey,
  rcpMissingServiceConditionKeyNullCheck,
];
