import type { Statement } from '../../../policy/model.js';
import { defineCheck } from '../../define.js';
import { canonical } from './shared.js';

export const redundantStatement = defineCheck(
  {
    issueCode: 'REDUNDANT_STATEMENT',
    findingType: 'SUGGESTION',
    title: 'Redundant statement',
    description: 'Two statements grant or deny exactly the same thing.',
    messages: {
      statementsRedundantBecause:
        'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.',
    },
  },
  (ctx) => {
    if (ctx.statements.length < 2) return;
    // Cheap signatures first: only statements that share one are compared in full.
    const sig = (st: Statement) =>
      `${st.effect.value}|${st.action?.length}|${st.notAction?.length}|${st.resource?.length}|${st.notResource?.length}|${st.conditions.length}|${st.action?.[0]?.value.toLowerCase()}`;
    const counts = new Map<string, number>();
    for (const st of ctx.statements) counts.set(sig(st), (counts.get(sig(st)) ?? 0) + 1);
    const seen = new Map<string, Statement>();
    for (const st of ctx.statements) {
      if ((counts.get(sig(st)) ?? 0) < 2) continue;
      const k = canonical(st);
      if (seen.has(k)) {
        ctx.report({ messageId: 'statementsRedundantBecause' }, st.loc);
      } else seen.set(k, st);
    }
  },
);
