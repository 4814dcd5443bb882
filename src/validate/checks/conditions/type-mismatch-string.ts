import { parseBinary } from '../../../policy/conditions.js';
import { valueCheck } from './shared.js';

export const typeMismatchString = valueCheck(
  'TYPE_MISMATCH_STRING',
  'WARNING',
  'Type mismatch string',
  'A BinaryEquals value is not base64.',
  'Binary',
  (v) => parseBinary(v) !== undefined,
  (c) => `Add a valid base64-encoded string value for the condition operator ${c.operator.text}.`,
);
