import { parseNumeric } from '../../../policy/conditions.js';
import { valueCheck } from './shared.js';

export const typeMismatchNumber = valueCheck(
  'TYPE_MISMATCH_NUMBER',
  'WARNING',
  'Type mismatch number',
  'A Numeric condition value is not a number.',
  'Numeric',
  (v) => parseNumeric(v) !== undefined,
  (c) => `Add a valid numeric value for the condition operator ${c.operator.text}.`,
);
