import { formatCheck } from './shared.js';

export const invalidVpcFormat = formatCheck(
  'INVALID_VPC_FORMAT',
  'Invalid vpc format',
  'An aws:SourceVpc value is not vpc- followed by 8 or 17 alphanumeric characters.',
  'aws:sourcevpc',
  /^vpc-([A-Za-z0-9]{8}|[A-Za-z0-9]{17})$/,
  "The VPC identifier in the condition key value is not valid. Use the prefix 'vpc-' followed by 8 or 17 alphanumeric characters.",
);
