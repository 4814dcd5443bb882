import { type CheckCases, cond } from '../helpers.js';

/** DUPLICATE_KEYS_WITH_DIFFERENT_CASE: src/validate/checks/conditions/duplicate-keys-with-different-case.ts */
export default {
  code: 'DUPLICATE_KEYS_WITH_DIFFERENT_CASE',
  invalid: [
    {
      doc: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","aws:UserName":"b"}}}]}',
      at: '"aws:UserName"',
    },
  ],
  valid: [cond({ StringEquals: { 'aws:username': ['a', 'b'] } })],
} satisfies CheckCases;
