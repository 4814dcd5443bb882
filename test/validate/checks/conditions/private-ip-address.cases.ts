import { type CheckCases, cond } from '../helpers.js';

/** PRIVATE_IP_ADDRESS: src/validate/checks/conditions/private-ip-address.ts */
export default {
  code: 'PRIVATE_IP_ADDRESS',
  invalid: [{ doc: cond({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } }) }],
  valid: [cond({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } })],
} satisfies CheckCases;
