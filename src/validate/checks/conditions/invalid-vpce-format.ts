import { formatCheck } from './shared.js';

export const invalidVpceFormat = formatCheck(
  'INVALID_VPCE_FORMAT',
  'Invalid vpce format',
  'An aws:SourceVpce value is not vpce- followed by 8 or 17 alphanumeric characters.',
  'aws:sourcevpce',
  /^vpce-([A-Za-z0-9]{8}|[A-Za-z0-9]{17})$/,
  "The VPCE identifier in the condition key value is not valid.  Use the prefix 'vpce-' followed by 8 or 17 alphanumeric characters.",
);
