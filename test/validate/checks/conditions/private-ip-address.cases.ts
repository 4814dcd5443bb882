import { type CheckCases, cond } from '../helpers.js';

// Private address space: RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) and RFC 4193 (fc00::/7).
/** PRIVATE_IP_ADDRESS: src/validate/checks/conditions/private-ip-address.ts */
export default {
  code: 'PRIVATE_IP_ADDRESS',
  invalid: [
    { doc: cond({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.168.1.0/24'] } }) },
    { doc: cond({ IpAddress: { 'aws:SourceIp': ['172.31.255.255', 'fd12:3456::/48'] } }) },
  ],
  valid: [
    cond({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } }),
    // Wider than 10.0.0.0/8, and just outside 172.16.0.0/12: public addresses included.
    cond({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/7'] } }),
    cond({ IpAddress: { 'aws:SourceIp': ['172.32.0.0/16'] } }),
  ],
} satisfies CheckCases;
