/** The grammar checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { dataTypeMismatch } from './data-type-mismatch.js';
import { invalidConditionOperator } from './invalid-condition-operator.js';
import { invalidEffect } from './invalid-effect.js';
import { invalidPolicyElement } from './invalid-policy-element.js';
import { invalidPrincipalFormat } from './invalid-principal-format.js';
import { invalidPrincipalKey } from './invalid-principal-key.js';
import { invalidVersion } from './invalid-version.js';
import { jsonSyntaxError } from './json-syntax-error.js';
import { duplicateKey } from './lp-duplicate-key.js';
import { missingAction } from './missing-action.js';
import { missingEffect } from './missing-effect.js';
import { missingStatement } from './missing-statement.js';
import { nullWithIfExists } from './null-with-if-exists.js';
import { unsupportedElementCombination } from './unsupported-element-combination.js';

export const grammarChecks: Check[] = [
  jsonSyntaxError,
  dataTypeMismatch,
  invalidPrincipalFormat,
  invalidPolicyElement,
  missingStatement,
  missingEffect,
  invalidEffect,
  missingAction,
  unsupportedElementCombination,
  invalidVersion,
  invalidPrincipalKey,
  invalidConditionOperator,
  nullWithIfExists,
  duplicateKey,
];
