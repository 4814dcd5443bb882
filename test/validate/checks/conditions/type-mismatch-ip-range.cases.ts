import { type CheckCases, cond } from '../helpers.js';

/** TYPE_MISMATCH_IP_RANGE: src/validate/checks/conditions/type-mismatch-ip-range.ts */
export default {
  code: 'TYPE_MISMATCH_IP_RANGE',
  invalid: [{ doc: cond({ IpAddress: { 'aws:SourceIp': '203.0.113.400/24' } }) }],
  valid: [cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })],
} satisfies CheckCases;
