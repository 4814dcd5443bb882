import { type CheckCases, cond } from '../helpers.js';

// Specific keys
/** MISSING_PAIRED_CONDITION_KEYS: src/validate/checks/conditions/missing-paired-condition-keys.ts */
export default {
  code: 'MISSING_PAIRED_CONDITION_KEYS',
  invalid: [{ doc: cond({ IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }) }],
  valid: [
    cond({
      IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' },
      StringEquals: { 'aws:SourceVpc': 'vpc-12345678' },
    }),
  ],
} satisfies CheckCases;
