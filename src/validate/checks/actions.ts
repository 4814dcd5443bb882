/**
 * Action element checks: unknown services and actions, wildcards in service names, redundant
 * actions, and actions a resource-based policy of a given resource type cannot contain.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { listActions, listServices } from '../../catalog/index.js';
import { resourceTypeRecord } from '../../catalog/resource-types.js';
import type { CheckContext, ResolvedAction } from '../context.js';
import { type Check, defineCheck } from '../define.js';

function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

const closestCache = new Map<string, string | undefined>();

function closest(word: string, candidates: readonly string[]): string | undefined {
  const key = `${candidates.length}\u0000${candidates[0]}\u0000${word}`;
  if (closestCache.has(key)) return closestCache.get(key);
  const found = closestUncached(word, candidates);
  closestCache.set(key, found);
  return found;
}

function closestUncached(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    // The edit distance is at least the length difference.
    if (Math.abs(c.length - w.length) >= bestD) continue;
    const d = distance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(w.length / 3)) ? best : undefined;
}

const entriesCache = new WeakMap<CheckContext, ResolvedAction[]>();

function allActionEntries(ctx: CheckContext): ResolvedAction[] {
  let list = entriesCache.get(ctx);
  if (!list) {
    list = [];
    for (const st of ctx.statements) {
      for (const a of ctx.actions(st)) list.push(a);
      for (const a of ctx.notActions(st)) list.push(a);
    }
    entriesCache.set(ctx, list);
  }
  return list;
}

export const invalidServiceInAction = defineCheck(
  {
    issueCode: 'INVALID_SERVICE_IN_ACTION',
    findingType: 'ERROR',
    title: 'Invalid service in action',
    description: 'The service prefix of an action does not exist.',
  },
  (ctx) => {
    for (const a of allActionEntries(ctx)) {
      if (a.all || a.service === undefined || a.serviceWildcard || a.knownService) continue;
      const guess = closest(a.service, listServices());
      ctx.report(
        `The service ${a.service} specified in the action does not exist.${guess ? ` Did you mean ${guess}?` : ''}`,
        a.loc,
      );
    }
  },
);

export const invalidAction = defineCheck(
  {
    issueCode: 'INVALID_ACTION',
    findingType: 'ERROR',
    title: 'Invalid action',
    description: 'The action does not exist in its service (or a pattern matches no action).',
  },
  (ctx) => {
    for (const a of allActionEntries(ctx)) {
      if (a.all) continue;
      if (a.service === undefined) {
        ctx.report(`The action ${a.text} does not exist. Use the format service:ActionName.`, a.loc);
        continue;
      }
      if (!a.knownService) continue;
      if (a.info) continue;
      if (a.nameWildcard) {
        if (ctx.expand(a).length > 0) continue;
        ctx.report(`The action ${a.text} does not exist.`, a.loc);
        continue;
      }
      const guess = closest(
        a.name ?? '',
        listActions(a.service).map((x) => x.name),
      );
      ctx.report(
        `The action ${a.text} does not exist.${guess ? ` Did you mean ${a.service.toLowerCase()}:${guess}?` : ''}`,
        a.loc,
      );
    }
  },
);

export const wildcardInServiceName = defineCheck(
  {
    issueCode: 'WILDCARD_IN_SERVICE_NAME',
    findingType: 'SUGGESTION',
    title: 'Wildcard in service name',
    description: 'A wildcard in a service name may grant access to other services with similar names.',
  },
  (ctx) => {
    const details =
      'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.';
    for (const a of allActionEntries(ctx)) {
      if (!a.all && a.serviceWildcard && a.service !== '*') ctx.report(details, a.loc);
    }
    for (const st of ctx.statements) {
      for (const r of [...(st.resource ?? []), ...(st.notResource ?? [])]) {
        const parts = r.value.split(':');
        if (parts.length >= 3 && parts[0] === 'arn' && /[*?]/.test(parts[2]) && parts[2] !== '*') {
          ctx.report(details, r.loc);
        }
      }
    }
  },
);

export const redundantAction = defineCheck(
  {
    issueCode: 'REDUNDANT_ACTION',
    findingType: 'SUGGESTION',
    title: 'Redundant action',
    description: 'An action is already covered by another entry of the same Action element.',
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
            `The ${redundant.length} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: ${a.text}.`,
            a.loc,
          );
        }
      }
    }
  },
);

export const unsupportedActionInPolicy = defineCheck(
  {
    issueCode: 'UNSUPPORTED_ACTION_IN_POLICY',
    findingType: 'ERROR',
    title: 'Unsupported action in policy',
    description: "A resource-based policy contains an action of another service than its resource's.",
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    const allowed = resourceTypeRecord(ctx.resourceType);
    if (!allowed) return;
    for (const st of ctx.statements) {
      for (const a of [...ctx.actions(st), ...ctx.notActions(st)]) {
        if (a.all || a.serviceWildcard || a.service === undefined || !a.knownService) continue;
        if (!allowed.services.includes(a.service.toLowerCase())) {
          ctx.report(
            `The action ${a.text} is not supported for the resource-based policy attached to the resource type ${ctx.resourceType}.`,
            a.loc,
          );
        }
      }
    }
  },
);

export const actionChecks: Check[] = [
  invalidServiceInAction,
  invalidAction,
  wildcardInServiceName,
  redundantAction,
  unsupportedActionInPolicy,
];
