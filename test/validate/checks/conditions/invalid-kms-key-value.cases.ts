import { type CheckCases, cond } from '../helpers.js';

/** INVALID_KMS_KEY_VALUE: src/validate/checks/conditions/invalid-kms-key-value.ts */
export default {
  code: 'INVALID_KMS_KEY_VALUE',
  invalid: [
    {
      doc: cond(
        { StringEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'alias/mykey' } },
        { Action: 's3:PutObject' },
      ),
    },
  ],
  valid: [
    cond(
      {
        StringEquals: {
          's3:x-amz-server-side-encryption-aws-kms-key-id':
            'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      },
      { Action: 's3:PutObject' },
    ),
  ],
} satisfies CheckCases;
