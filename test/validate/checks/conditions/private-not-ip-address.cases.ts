import { type CheckCases, cond } from '../helpers.js';

/** PRIVATE_NOT_IP_ADDRESS: src/validate/checks/conditions/private-not-ip-address.ts */
export default {
  code: 'PRIVATE_NOT_IP_ADDRESS',
  invalid: [{ doc: cond({ NotIpAddress: { 'aws:SourceIp': '172.16.0.0/12' } }) }],
  valid: [cond({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })],
} satisfies CheckCases;
