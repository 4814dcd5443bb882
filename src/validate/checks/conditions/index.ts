/** The conditions checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { confirmAudienceClaimType } from './confirm-audience-claim-type.js';
import { duplicateKeysWithDifferentCase } from './duplicate-keys-with-different-case.js';
import { dynamodbAttributesWithoutSelect } from './dynamodb-attributes-without-select.js';
import { equivalentToNullFalse } from './equivalent-to-null-false.js';
import { equivalentToNullTrue } from './equivalent-to-null-true.js';
import { forAllValuesWithSingleValuedKey } from './forallvalues-with-single-valued-key.js';
import { forAnyValueWithAudienceClaimType } from './foranyvalue-with-audience-claim-type.js';
import { improveIpRange } from './improve-ip-range.js';
import { invalidConditionDataType } from './invalid-condition-data-type.js';
import { invalidConditionKeyFormat } from './invalid-condition-key-format.js';
import { invalidConditionMultipleBoolean } from './invalid-condition-multiple-boolean.js';
import { invalidDateValue } from './invalid-date-value.js';
import { invalidGlobalConditionKey } from './invalid-global-condition-key.js';
import { invalidKmsKeyValue } from './invalid-kms-key-value.js';
import { invalidRegion } from './invalid-region.js';
import { invalidService } from './invalid-service.js';
import { invalidServiceConditionKey } from './invalid-service-condition-key.js';
import { invalidVariableForOperator } from './invalid-variable-for-operator.js';
import { invalidVpcFormat } from './invalid-vpc-format.js';
import { invalidVpceFormat } from './invalid-vpce-format.js';
import { irrelevantConditionKeyInPolicy } from './irrelevant-condition-key-in-policy.js';
import { missingPairedConditionKeys } from './missing-paired-condition-keys.js';
import { missingQualifier } from './missing-qualifier.js';
import { missingTagKeyInCondition } from './missing-tag-key-in-condition.js';
import { nullWithQualifier } from './null-with-qualifier.js';
import { privateIpAddress } from './private-ip-address.js';
import { privateIpAddressSubset } from './private-ip-address-subset.js';
import { privateNotIpAddress } from './private-not-ip-address.js';
import { privateNotIpAddressSubset } from './private-not-ip-address-subset.js';
import { redundantConditionValueNum } from './redundant-condition-value-num.js';
import { redundantKeyDueToWildcardInCondition } from './redundant-key-due-to-wildcard-in-condition.js';
import { redundantStatementDueToWildcardInCondition } from './redundant-statement-due-to-wildcard-in-condition.js';
import { s3PrefixInNegativeContext } from './s3-prefix-in-negative-context.js';
import { stringLikeOperatorWithArnConditionKeys } from './string-like-operator-with-arn-condition-keys.js';
import { typeMismatch } from './type-mismatch.js';
import { typeMismatchBoolean, typeMismatchNullBoolean } from './type-mismatch-boolean.js';
import { typeMismatchDate } from './type-mismatch-date.js';
import { typeMismatchIpRange } from './type-mismatch-ip-range.js';
import { typeMismatchNumber } from './type-mismatch-number.js';
import { typeMismatchString } from './type-mismatch-string.js';
import { unsupportedGlobalConditionKey } from './unsupported-global-condition-key.js';
import { untrustworthyConditionKey } from './untrustworthy-condition-key.js';
import { wildcardWithoutLikeOperator } from './wildcard-without-like-operator.js';

export const conditionChecks: Check[] = [
  invalidConditionKeyFormat,
  unsupportedGlobalConditionKey,
  missingTagKeyInCondition,
  invalidGlobalConditionKey,
  invalidService,
  invalidServiceConditionKey,
  duplicateKeysWithDifferentCase,
  typeMismatch,
  typeMismatchBoolean,
  typeMismatchNullBoolean,
  typeMismatchDate,
  typeMismatchNumber,
  typeMismatchIpRange,
  typeMismatchString,
  invalidConditionDataType,
  invalidDateValue,
  invalidConditionMultipleBoolean,
  improveIpRange,
  privateIpAddress,
  privateNotIpAddress,
  privateIpAddressSubset,
  privateNotIpAddressSubset,
  invalidVariableForOperator,
  missingQualifier,
  forAllValuesWithSingleValuedKey,
  nullWithQualifier,
  forAnyValueWithAudienceClaimType,
  confirmAudienceClaimType,
  wildcardWithoutLikeOperator,
  stringLikeOperatorWithArnConditionKeys,
  equivalentToNullFalse,
  equivalentToNullTrue,
  redundantKeyDueToWildcardInCondition,
  redundantStatementDueToWildcardInCondition,
  redundantConditionValueNum,
  missingPairedConditionKeys,
  invalidVpcFormat,
  invalidVpceFormat,
  invalidRegion,
  invalidKmsKeyValue,
  untrustworthyConditionKey,
  dynamodbAttributesWithoutSelect,
  s3PrefixInNegativeContext,
  irrelevantConditionKeyInPolicy,
];
