import { type CheckCases, cond } from '../helpers.js';

/** INVALID_VPC_FORMAT: src/validate/checks/conditions/invalid-vpc-format.ts */
export default {
  code: 'INVALID_VPC_FORMAT',
  invalid: [{ doc: cond({ StringEquals: { 'aws:SourceVpc': 'vpc-123' } }) }],
  valid: [cond({ StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } })],
} satisfies CheckCases;
