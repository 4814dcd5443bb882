import { sourceIpCheck } from './shared.js';

export const privateNotIpAddressSubset = sourceIpCheck(
  'PRIVATE_NOT_IP_ADDRESS_SUBSET',
  'SUGGESTION',
  'Private NotIpAddress subset',
  'NotIpAddress on aws:SourceIp mixes private and public ranges; the private ones have no effect.',
  true,
  true,
  'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.',
);
