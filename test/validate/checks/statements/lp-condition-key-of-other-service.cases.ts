import { type CheckCases, cond } from '../helpers.js';

/** LP_CONDITION_KEY_OF_OTHER_SERVICE: src/validate/checks/statements/lp-condition-key-of-other-service.ts */
export default {
  code: 'LP_CONDITION_KEY_OF_OTHER_SERVICE',
  invalid: [
    {
      doc: cond({ StringLike: { 's3:prefix': 'home/*' } }, { Action: 'ec2:DescribeInstances' }),
      at: '"s3:prefix"',
    },
  ],
  valid: [
    cond({ StringLike: { 's3:prefix': 'home/*' } }, { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }),
  ],
} satisfies CheckCases;
