import { familyOf, parseCidr } from '../../../policy/conditions.js';
import { defineCheck } from '../../define.js';
import { entries, formatCidr, ipWords } from './shared.js';

export const improveIpRange = defineCheck(
  {
    issueCode: 'IMPROVE_IP_RANGE',
    findingType: 'SUGGESTION',
    title: 'Improve IP range',
    description: 'A CIDR range has bits set after its prefix length; they are ignored.',
    messages: {
      nonZeroBits:
        'The non-zero bits in the IP address after the masked bits are ignored. Replace address with {{value}}.',
    },
  },
  (ctx) => {
    for (const [, c] of entries(ctx)) {
      if (familyOf(c.operator.base) !== 'IpAddress') continue;
      for (const v of c.values) {
        if (typeof v.value !== 'string') continue;
        const cidr = parseCidr(v.value);
        const raw = ipWords(v.value.trim());
        if (!cidr || !raw) continue;
        if (raw.some((w, i) => w !== cidr.words[i])) {
          ctx.report({ messageId: 'nonZeroBits', data: { value: formatCidr(v.value) } }, v.loc);
        }
      }
    }
  },
);
