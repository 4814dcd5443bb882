/** The resources checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { arnAccountNotAllowed } from './arn-account-not-allowed.js';
import { arnRegionNotAllowed } from './arn-region-not-allowed.js';
import { invalidArnAccount } from './invalid-arn-account.js';
import { invalidArnPrefix } from './invalid-arn-prefix.js';
import { invalidArnRegion } from './invalid-arn-region.js';
import { invalidArnResource } from './invalid-arn-resource.js';
import { invalidArnServiceCase } from './invalid-arn-service-case.js';
import { invalidPartition } from './invalid-partition.js';
import { missingArnAccount } from './missing-arn-account.js';
import { missingArnField } from './missing-arn-field.js';
import { missingArnRegion } from './missing-arn-region.js';
import { redundantResource } from './redundant-resource.js';
import { unsupportedResourceArnInPolicy } from './unsupported-resource-arn-in-policy.js';

export const resourceChecks: Check[] = [
  invalidArnPrefix,
  missingArnField,
  invalidArnServiceCase,
  invalidPartition,
  invalidArnAccount,
  invalidArnRegion,
  arnRegionNotAllowed,
  arnAccountNotAllowed,
  missingArnRegion,
  missingArnAccount,
  invalidArnResource,
  unsupportedResourceArnInPolicy,
  redundantResource,
];
