import { type CheckCases, cond } from '../helpers.js';

/** PRIVATE_NOT_IP_ADDRESS_SUBSET: src/validate/checks/conditions/private-not-ip-address-subset.ts */
export default {
  code: 'PRIVATE_NOT_IP_ADDRESS_SUBSET',
  invalid: [{ doc: cond({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }) }],
  valid: [cond({ NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } })],
} satisfies CheckCases;
