import { defineCheck } from '../../define.js';
import { fromIssues, isPrincipalIssue } from './shared.js';

export const invalidPrincipalFormat = defineCheck(
  {
    issueCode: 'INVALID_PRINCIPAL_FORMAT',
    findingType: 'ERROR',
    title: 'Invalid principal format',
    description: 'The Principal element is not "*" nor a map of principal types to values.',
  },
  (ctx) =>
    fromIssues(ctx, ['DATA_TYPE_MISMATCH'], (i) =>
      isPrincipalIssue(i)
        ? 'The Principal element contents are not valid. Specify a key-value pair in the Principal element.'
        : undefined,
    ),
);
