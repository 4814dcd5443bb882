/** Renders `leastpriv account` answers: who-can, escalation and diff as text or JSON. */

import type { AccountDiff } from '../account/diff.js';
import {
  type EscalationResult,
  type PrincipalEscalation,
  type Step,
  type UnknownPath,
  unknownKey,
} from '../account/escalation.js';
import type { StatementRef } from '../account/index-model.js';
import type { WhoCanResult } from '../account/who-can.js';

/** Account id -> alias, to show `111122223333 (alias)`. */
export type Aliases = ReadonlyMap<string, string>;

export function accountText(id: string | undefined, aliases: Aliases): string {
  if (!id) return '';
  const a = aliases.get(id);
  return a ? `${id} (${a})` : id;
}

function aliasField(id: string | undefined, aliases: Aliases): object {
  const a = id ? aliases.get(id) : undefined;
  return a ? { accountAlias: a } : {};
}

function statementLine(s: StatementRef): string {
  const sid = /^\d+$/.test(s.statement) ? `#${s.statement}` : `"${s.statement}"`;
  return `${s.effect} ${s.policyType} ${s.policy} statement ${sid}${s.source ? `  (${s.source})` : ''}`;
}

export function whoCanJson(r: WhoCanResult, aliases: Aliases): string {
  const out = {
    action: r.action,
    resource: r.resource,
    context: r.context,
    allowed: r.allowed.map((e) => ({ ...e, ...aliasField(e.account, aliases) })),
    unknown: r.unknown,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export function whoCanText(r: WhoCanResult, aliases: Aliases): string {
  const lines = [`Who can ${r.action} on ${r.resource}: ${r.allowed.length} principal(s)`];
  for (const e of r.allowed) {
    const acct = e.account ? `  [account ${accountText(e.account, aliases)}]` : '';
    lines.push(`  ${e.kind.padEnd(9)} ${e.principal}${acct}`);
    if (e.note) lines.push(`            ${e.note}`);
    for (const s of e.statements) lines.push(`            ${statementLine(s)}`);
  }
  for (const u of r.unknown) lines.push(`  unknown: ${u}`);
  return `${lines.join('\n')}\n`;
}

function stepJson(s: Step): object {
  return {
    from: s.from,
    to: s.to,
    pathId: s.pathId,
    kind: s.kind,
    actions: s.actions,
    statements: s.statements,
    preconditions: s.preconditions,
  };
}

/**
 * `--format json`: each distinct unknown path is written once, in the top-level `unknownPaths`;
 * a principal's `unknown` lists the positions of its own in that list (docs/escalation.md).
 */
export function escalationJson(r: EscalationResult, aliases: Aliases): string {
  const unknownPaths: UnknownPath[] = [];
  const position = new Map<string, number>();
  const ref = (u: UnknownPath): number => {
    const key = unknownKey(u);
    let i = position.get(key);
    if (i === undefined) {
      i = unknownPaths.push({ pathId: u.pathId, actions: u.actions, missing: u.missing }) - 1;
      position.set(key, i);
    }
    return i;
  };
  const out = {
    principals: r.principals.map((p) => ({
      principal: p.principal,
      account: p.account,
      ...aliasField(p.account, aliases),
      admin: p.admin,
      canEscalate: p.canEscalate,
      reaches: p.reaches.map((x) => ({
        target: x.target,
        escalates: x.escalates,
        ...(x.witness ? { witness: x.witness } : {}),
        path: x.path.map(stepJson),
      })),
      unknown: p.unknown.map(ref),
    })),
    unknownPaths,
    notes: r.notes,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function short(arn: string): string {
  return arn === 'admin' ? 'admin' : arn.split(':').slice(5).join(':') || arn;
}

function stepText(s: Step, i: number): string[] {
  const via = s.actions.length ? ` via ${s.actions.join(' + ')}` : '';
  const lines = [`      ${i + 1}. [${s.pathId ?? s.kind}] ${short(s.from)} -> ${short(s.to)}${via}`];
  for (const p of s.preconditions) lines.push(`           - ${p}`);
  for (const st of s.statements) lines.push(`           ${statementLine(st)}`);
  return lines;
}

function principalText(p: PrincipalEscalation, aliases: Aliases): string[] {
  const head = `${p.principal}  [account ${accountText(p.account, aliases)}]`;
  if (p.admin) return [head, '  administrator-equivalent (an admin start does not escalate)'];
  const lines = [head, `  can escalate: ${p.canEscalate ? 'yes' : 'no'}`];
  for (const r of p.reaches) {
    const mark = r.escalates ? (r.target === 'admin' ? 'ESCALATES to admin' : 'ESCALATES') : 'reaches';
    lines.push(
      `    ${mark}: ${r.target}${r.witness ? `  (can ${r.witness.action} on ${r.witness.resource}, the start cannot)` : ''}`,
    );
    r.path.forEach((s, i) => {
      lines.push(...stepText(s, i));
    });
  }
  for (const u of p.unknown)
    lines.push(`    unknown [${u.pathId ?? 'PMapper'}] ${u.actions.join(' + ')}: ${u.missing}`);
  return lines;
}

export function escalationText(r: EscalationResult, aliases: Aliases): string {
  const out: string[] = [];
  for (const p of r.principals) out.push(...principalText(p, aliases), '');
  const n = r.principals.filter((p) => p.canEscalate).length;
  out.push(`${n} of ${r.principals.length} principal(s) can escalate`);
  for (const note of r.notes) out.push(`note: ${note}`);
  return `${out.join('\n')}\n`;
}

export function diffJson(d: AccountDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

export function diffText(d: AccountDiff, aliases: Aliases): string {
  const out: string[] = [];
  for (const c of d.changes) {
    out.push(
      `${c.principal}${c.account ? `  [account ${accountText(c.account, aliases)}]` : ''}${c.added ? '  (new principal)' : ''}`,
    );
    for (const a of c.gainedActions) out.push(`  + can ${a.action} on ${a.resource}`);
    for (const t of c.gainedEscalations) out.push(`  + escalation to ${t.target} [${t.pathIds.join(' > ')}]`);
  }
  out.push(`${d.changes.length} principal(s) gained access or an escalation path`);
  return `${out.join('\n')}\n`;
}
