import { parseCidr } from '../../../policy/conditions.js';
import { valueCheck } from './shared.js';

export const typeMismatchIpRange = valueCheck(
  'TYPE_MISMATCH_IP_RANGE',
  'ERROR',
  'Type mismatch IP range',
  'An IpAddress/NotIpAddress value is not an IP address or CIDR range.',
  'IpAddress',
  (v) => parseCidr(v) !== undefined,
  (c) =>
    `The condition operator ${c.operator.text} is used with an invalid IP range value. Specify the IP range in standard CIDR format.`,
);
