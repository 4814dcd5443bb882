import { sourceIpCheck } from './shared.js';

export const privateNotIpAddress = sourceIpCheck(
  'PRIVATE_NOT_IP_ADDRESS',
  'ERROR',
  'Private NotIpAddress',
  'NotIpAddress on aws:SourceIp with only private ranges always matches.',
  true,
  false,
  'The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.',
);
