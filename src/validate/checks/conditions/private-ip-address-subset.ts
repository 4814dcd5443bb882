import { sourceIpCheck } from './shared.js';

export const privateIpAddressSubset = sourceIpCheck(
  'PRIVATE_IP_ADDRESS_SUBSET',
  'SUGGESTION',
  'Private IP address subset',
  'aws:SourceIp mixes private and public ranges; the private ones never match.',
  false,
  true,
  'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.',
);
