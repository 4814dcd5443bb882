import { type CheckCases, cond } from '../helpers.js';

/** INVALID_SERVICE: src/validate/checks/conditions/invalid-service.ts */
export default {
  code: 'INVALID_SERVICE',
  invalid: [{ doc: cond({ StringEquals: { 'foo:bar': 'a' } }) }],
  valid: [
    cond({ StringEquals: { 's3:prefix': 'a' } }, { Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' }),
  ],
} satisfies CheckCases;
