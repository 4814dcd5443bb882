import { fieldRule } from './shared.js';

export const arnRegionNotAllowed = fieldRule(
  'ARN_REGION_NOT_ALLOWED',
  'ARN Region not allowed',
  'The resource type has no Region in its ARN.',
  3,
  'empty',
  (v) => `The service ${v.fields[2]} does not support specifying a Region in the resource ARN.`,
);
