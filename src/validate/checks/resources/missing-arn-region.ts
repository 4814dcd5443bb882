import { fieldRule } from './shared.js';

export const missingArnRegion = fieldRule(
  'MISSING_ARN_REGION',
  'Missing ARN Region',
  'The resource type needs a Region in its ARN.',
  3,
  'present',
  (v) => `Add a Region to the ${v.fields[2]} resource ARN.`,
);
