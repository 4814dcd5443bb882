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

/** Writes a report piece by piece (standard output, or a string being built). */
export type Sink = (text: string) => void;

/** An escalation report written one principal at a time, so no whole report is ever held. */
export interface EscalationWriter {
  principal(p: PrincipalEscalation): void;
  /** Ends the report with what comes after the principals (the notes gathered meanwhile). */
  end(notes: readonly string[]): void;
}

/** `JSON.stringify(value, null, 2)` as it reads nested `depth` levels down in a larger document. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${'  '.repeat(depth)}`);
}

/**
 * `--format json`: each distinct unknown path is written once, in the top-level `unknownPaths`;
 * a principal's `unknown` lists the positions of its own in that list (docs/escalation.md).
 * Byte for byte `JSON.stringify({principals, unknownPaths, notes}, null, 2)`, written one
 * principal at a time (`--all-reaches` on a large account is gigabytes).
 */
export function escalationJsonWriter(aliases: Aliases, write: Sink): EscalationWriter {
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
  let count = 0;
  write('{\n  "principals": [');
  return {
    principal(p) {
      const json = {
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
      };
      write(`${count++ === 0 ? '' : ','}\n    ${nested(json, 2)}`);
    },
    end(notes) {
      write(
        `${count === 0 ? '' : '\n  '}],\n  "unknownPaths": ${nested(unknownPaths, 1)},\n  "notes": ${nested(notes, 1)}\n}\n`,
      );
    },
  };
}

export function escalationJson(r: EscalationResult, aliases: Aliases): string {
  return collect((sink) => escalationJsonWriter(aliases, sink), r);
}

/** A whole result through a writer, as one string (tests, small results). */
function collect(writer: (sink: Sink) => EscalationWriter, r: EscalationResult): string {
  const parts: string[] = [];
  const w = writer((t) => parts.push(t));
  for (const p of r.principals) w.principal(p);
  w.end(r.notes);
  return parts.join('');
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

/** `--format text`, one principal at a time (see escalationJsonWriter). */
export function escalationTextWriter(aliases: Aliases, write: Sink): EscalationWriter {
  let total = 0;
  let escalating = 0;
  return {
    principal(p) {
      total++;
      if (p.canEscalate) escalating++;
      write(`${[...principalText(p, aliases), ''].join('\n')}\n`);
    },
    end(notes) {
      const out = [`${escalating} of ${total} principal(s) can escalate`];
      for (const note of notes) out.push(`note: ${note}`);
      write(`${out.join('\n')}\n`);
    },
  };
}

export function escalationText(r: EscalationResult, aliases: Aliases): string {
  return collect((sink) => escalationTextWriter(aliases, sink), r);
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
