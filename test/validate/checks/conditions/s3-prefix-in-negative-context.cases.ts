import { type CheckCases, cond } from '../helpers.js';

/** S3_PREFIX_IN_NEGATIVE_CONTEXT: src/validate/checks/conditions/s3-prefix-in-negative-context.ts */
export default {
  code: 'S3_PREFIX_IN_NEGATIVE_CONTEXT',
  invalid: [
    {
      doc: cond(
        { StringLike: { 's3:prefix': 'private/*' } },
        { Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
      ),
    },
  ],
  valid: [
    cond(
      { StringNotLike: { 's3:prefix': 'public/*' } },
      { Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
    ),
  ],
} satisfies CheckCases;
