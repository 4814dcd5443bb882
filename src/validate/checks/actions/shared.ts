/**
 * Action element checks: unknown services and actions, wildcards in service names, redundant
 * actions, and actions a resource-based policy of a given resource type cannot contain.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import type { CheckContext, ResolvedAction } from '../../context.js';

export function distance(a: string, b: string): number {
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

export const closestCache = new Map<string, string | undefined>();

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const key = `${candidates.length}\u0000${candidates[0]}\u0000${word}`;
  if (closestCache.has(key)) return closestCache.get(key);
  const found = closestUncached(word, candidates);
  closestCache.set(key, found);
  return found;
}

export function closestUncached(word: string, candidates: readonly string[]): string | undefined {
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

export const entriesCache = new WeakMap<CheckContext, ResolvedAction[]>();

export function allActionEntries(ctx: CheckContext): ResolvedAction[] {
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
