/**
 * HYD-ESCALATION's input from the account engine's escalation analysis (escalation-spec.md):
 * every principal that is, or can reach, an administrator-equivalent principal, and the paths the
 * analysis could not decide. Requests carry MFA, TLS and the Region, as the plan's humans send them.
 */

import { AccountIndex, escalation } from '../../account/index.js';
import type { EscalationInput } from '../../baseline/input.js';
import type { AccountSnapshot } from '../../sources/account/index.js';

export function escalationInput(s: AccountSnapshot, account?: string, region = 'us-east-1'): EscalationInput {
  try {
    const context = {
      'aws:MultiFactorAuthPresent': 'true',
      'aws:SecureTransport': 'true',
      'aws:RequestedRegion': region,
    };
    const result = escalation(new AccountIndex(s, context), { context, region });
    const mine = result.principals.filter((p) => account === undefined || p.account === account);
    const admins = new Set(mine.filter((p) => p.admin).map((p) => p.principal));
    const escalating: NonNullable<EscalationInput['escalating']> = [];
    const undecided: NonNullable<EscalationInput['undecided']> = [];
    for (const p of mine) {
      if (p.admin) {
        escalating.push({ principal: p.principal, via: 'administrator-equivalent itself' });
        continue;
      }
      const reach = p.reaches.find((r) => r.target === 'admin' || admins.has(r.target));
      if (reach) {
        escalating.push({
          principal: p.principal,
          via: reach.path.map((st) => `${st.pathId ?? st.kind} -> ${st.to}`).join(', '),
        });
      } else if (p.unknown.length > 0) {
        undecided.push({ principal: p.principal, missing: p.unknown[0].missing });
      }
    }
    return { escalating, undecided, notes: result.notes };
  } catch (e) {
    return { unknown: `the escalation analysis failed: ${(e as Error).message}` };
  }
}
