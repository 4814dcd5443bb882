/** The variables checks, in report order: one module per issue code. */
import type { Check } from '../../define.js';
import { emptyVariable } from './empty-variable.js';
import { missingBraceInVariable } from './missing-brace-in-variable.js';
import { missingQuoteInVariable } from './missing-quote-in-variable.js';
import { unsupportedSpaceInVariable } from './unsupported-space-in-variable.js';
import { unsupportedSymbolInVariable } from './unsupported-symbol-in-variable.js';
import { variableUnsupportedInElement } from './variable-unsupported-in-element.js';
import { variableUnsupportedInVersion } from './variable-unsupported-in-version.js';

export const variableChecks: Check[] = [
  missingBraceInVariable,
  emptyVariable,
  unsupportedSpaceInVariable,
  missingQuoteInVariable,
  unsupportedSymbolInVariable,
  variableUnsupportedInElement,
  variableUnsupportedInVersion,
];
