import { type CheckCases, cond } from '../helpers.js';

/** PRIVATE_IP_ADDRESS_SUBSET: src/validate/checks/conditions/private-ip-address-subset.ts */
export default {
  code: 'PRIVATE_IP_ADDRESS_SUBSET',
  invalid: [{ doc: cond({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '203.0.113.0/24'] } }) }],
  valid: [cond({ IpAddress: { 'aws:VpcSourceIp': ['10.0.0.0/8'], 'aws:SourceVpc': 'vpc-12345678' } })],
} satisfies CheckCases;
