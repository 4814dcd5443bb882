/**
 * Issue codes of the Access Analyzer policy check reference that have no check here, and why
 * (docs/checks.md gives the longer story). Listed so that every code the docs name is found in
 * src/, either as a check module or here.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
export const UNIMPLEMENTED_CODES: Readonly<Record<string, 'not possible offline' | 'retired'>> = {
  // AWS does not publish which condition keys need which action in the same statement.
  MISSING_ACTION_FOR_CONDITION_KEY: 'not possible offline',
  // Both depend on AWS's unpublished list of "sensitive" condition keys.
  VARIABLE_USAGE_TOO_PERMISSIVE: 'not possible offline',
  WILDCARD_USAGE_TOO_PERMISSIVE: 'not possible offline',
  // aws:ARN, the only documented deprecated key, is reported as UNSUPPORTED_GLOBAL_CONDITION_KEY.
  DEPRECATED_GLOBAL_CONDITION_KEY: 'not possible offline',
  // Removed from the reference when SCPs gained the full IAM policy language (2025).
  SCP_SYNTAX_ERROR_ALLOW_CONDITION: 'retired',
  SCP_SYNTAX_ERROR_ALLOW_NOTACTION: 'retired',
  SCP_SYNTAX_ERROR_ALLOW_RESOURCE: 'retired',
  SCP_SYNTAX_ERROR_NOTRESOURCE: 'retired',
};
