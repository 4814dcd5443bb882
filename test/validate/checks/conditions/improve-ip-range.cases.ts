import { type CheckCases, cond } from '../helpers.js';

/** IMPROVE_IP_RANGE: src/validate/checks/conditions/improve-ip-range.ts */
export default {
  code: 'IMPROVE_IP_RANGE',
  invalid: [{ doc: cond({ IpAddress: { 'aws:SourceIp': '203.0.113.5/24' } }), says: '203.0.113.0/24' }],
  valid: [cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })],
} satisfies CheckCases;
