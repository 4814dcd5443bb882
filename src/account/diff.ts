/**
 * What changed between two snapshots, from the principals' side: requests a principal is
 * allowed now and was not before (found among the requests its new statements grant, each
 * evaluated against both snapshots), and escalation paths it did not have.
 */
import type { ContextInput } from '../policy/context.js';
import { type EscalationOptions, escalation } from './escalation.js';
import type { AccountIndex } from './index-model.js';
import { grantedRequests } from './probe.js';

export interface PrincipalChange {
  principal: string;
  account: string;
  /** The principal is not in the old snapshot. */
  added: boolean;
  gainedActions: Array<{ action: string; resource: string }>;
  gainedEscalations: Array<{ target: string; pathIds: Array<string | null> }>;
}

export interface AccountDiff {
  changes: PrincipalChange[];
}

export function diffSnapshots(
  oldIndex: AccountIndex,
  newIndex: AccountIndex,
  options: EscalationOptions & { context?: ContextInput } = {},
): AccountDiff {
  const region = options.region ?? 'us-east-1';
  const before = new Map(escalation(oldIndex, options).principals.map((p) => [p.principal, p]));
  const after = escalation(newIndex, options).principals;
  const changes: PrincipalChange[] = [];
  for (const p of after) {
    const np = newIndex.byArn.get(p.principal)!;
    const op = oldIndex.byArn.get(p.principal);
    const gainedActions: PrincipalChange['gainedActions'] = [];
    for (const req of grantedRequests(np, region, 200)) {
      const ctx = options.context;
      if (newIndex.check(np, req.action, req.resource, { context: ctx }).decision !== 'Allowed') continue;
      if (op && oldIndex.check(op, req.action, req.resource, { context: ctx }).decision === 'Allowed')
        continue;
      gainedActions.push(req);
    }
    const old = before.get(p.principal);
    const key = (r: { target: string; path: Array<{ pathId: string | null }> }) =>
      `${r.target} ${r.path.map((s) => s.pathId).join('>')}`;
    const had = new Set((old?.reaches ?? []).filter((r) => r.escalates).map(key));
    const gainedEscalations = p.reaches
      .filter((r) => r.escalates && !had.has(key(r)))
      .map((r) => ({ target: r.target, pathIds: r.path.map((s) => s.pathId) }));
    if (gainedActions.length || gainedEscalations.length) {
      changes.push({
        principal: p.principal,
        account: p.account,
        added: !op,
        gainedActions,
        gainedEscalations,
      });
    }
  }
  return { changes };
}
