import type { CheckCases } from '../helpers.js';

// RFC 8259 section 4: member names SHOULD be unique; JSON.parse keeps the last one.
/** LP_DUPLICATE_KEY: src/validate/checks/grammar/lp-duplicate-key.ts */
export default {
  code: 'LP_DUPLICATE_KEY',
  invalid: [
    {
      doc: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",\n "Resource": "*", "Action": "s3:PutObject"}]}',
      at: '"Action"',
      says: '"Action" is given twice in this object (first at line 1, column 61)',
    },
  ],
  valid: [
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],\n "Resource": "*"}]}',
  ],
} satisfies CheckCases;
