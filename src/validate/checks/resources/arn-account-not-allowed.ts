import { fieldRule } from './shared.js';

export const arnAccountNotAllowed = fieldRule(
  'ARN_ACCOUNT_NOT_ALLOWED',
  'ARN account not allowed',
  'The resource type has no account ID in its ARN.',
  4,
  'empty',
  (v) => `The service ${v.fields[2]} does not support specifying an account ID in the resource ARN.`,
);
