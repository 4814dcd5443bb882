import { sourceIpCheck } from './shared.js';

export const privateIpAddress = sourceIpCheck(
  'PRIVATE_IP_ADDRESS',
  'ERROR',
  'Private IP address',
  'aws:SourceIp with only private ranges never matches.',
  false,
  false,
  'aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.',
);
