import { parseDate } from '../../../policy/conditions.js';
import { valueCheck } from './shared.js';

export const typeMismatchDate = valueCheck(
  'TYPE_MISMATCH_DATE',
  'WARNING',
  'Type mismatch date',
  'A Date condition value is not an ISO 8601 date or epoch time.',
  'Date',
  (v) => parseDate(v) !== undefined,
  () =>
    'The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.',
);
