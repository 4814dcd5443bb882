import { fieldRule } from './shared.js';

export const missingArnAccount = fieldRule(
  'MISSING_ARN_ACCOUNT',
  'Missing ARN account',
  'The resource type needs an account ID in its ARN.',
  4,
  'present',
  (v) =>
    `The resource ${v.fields.slice(5).join(':')} in the arn is missing an account id. Please provide a 12 digit account id.`,
);
