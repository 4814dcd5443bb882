import type { ResolvedAction } from '../../context.js';
import { defineCheck } from '../../define.js';

export const redundantAction = defineCheck(
  {
    issueCode: 'REDUNDANT_ACTION',
    findingType: 'SUGGESTION',
    title: 'Redundant action',
    description: 'An action is already covered by another entry of the same Action element.',
    messages: {
      actionRedundantBecause:
        'The {{length}} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: {{text}}.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const list of [ctx.actions(st), ctx.notActions(st)]) {
        if (list.length < 2) continue;
        const all = list.findIndex((a) => a.all);
        // Wildcard entries per service, with the set of actions each stands for.
        const wild = new Map<string, { i: number; set: Set<string> }[]>();
        list.forEach((b, i) => {
          if (b.all || !b.nameWildcard || b.serviceWildcard || !b.knownService) return;
          const svc = b.service!.toLowerCase();
          const group = wild.get(svc) ?? [];
          group.push({ i, set: ctx.expandNames(b) });
          wild.set(svc, group);
        });
        const firstByText = new Map<string, number>();
        const redundant: ResolvedAction[] = [];
        list.forEach((a, i) => {
          const key = a.text.toLowerCase();
          const first = firstByText.get(key);
          if (first === undefined) firstByText.set(key, i);
          if (first !== undefined || (all >= 0 && all !== i)) {
            redundant.push(a);
            return;
          }
          if (a.all || a.serviceWildcard || !a.knownService) return;
          const group = wild.get(a.service!.toLowerCase());
          if (!group) return;
          const mine = a.nameWildcard ? [...ctx.expandNames(a)] : a.info ? [a.info.fullName] : [];
          if (mine.length === 0) return;
          const covered = group.some(({ i: j, set }) => {
            if (j === i || !mine.every((n) => set.has(n))) return false;
            // Two patterns covering each other: keep the first one.
            return !(a.nameWildcard && set.size === mine.length && j > i);
          });
          if (covered) redundant.push(a);
        });
        for (const a of redundant) {
          ctx.report(
            { messageId: 'actionRedundantBecause', data: { length: redundant.length, text: a.text } },
            a.loc,
          );
        }
      }
    }
  },
);
