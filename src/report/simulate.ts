/** Renders simulation results as JSON (the result objects) or as a readable explanation. */

import { canonicalActionName } from '../catalog/index.js';
import { policyKindName } from '../evaluate/message.js';
import type { EvaluationResult, MatchedStatement, Request, Scenario } from '../evaluate/types.js';
import { formatPath } from '../policy/location.js';
import type { ScenarioFormat } from '../sources/scenario.js';

/** The public JSON shape of one result. */
export function resultJson(r: EvaluationResult): object {
  return {
    decision: r.decision,
    ...(r.deniedBy ? { deniedBy: r.deniedBy } : {}),
    message: r.message,
    matchedStatements: r.matchedStatements,
    missingContextKeys: r.missingContextKeys,
  };
}

export function renderJson(results: EvaluationResult[], format: ScenarioFormat): string {
  const objs = results.map(resultJson);
  if (format === 'object') return `${JSON.stringify(objs[0], null, 2)}\n`;
  if (format === 'array') return `${JSON.stringify(objs, null, 2)}\n`;
  return objs.map((o) => `${JSON.stringify(o)}\n`).join('');
}

/** Where batch mode renders its output: bytes at `pos` of `buf`, with room made on request. */
export interface ByteSink {
  buf: Buffer;
  pos: number;
  /** Makes room for `bytes` more bytes at `pos` (it may hand over what was written so far). */
  room(bytes: number): void;
}

// Matched statements are shared by every result they appear in: each is serialised once, to bytes.
const statementBytes = new WeakMap<MatchedStatement, Buffer>();
// The start of a line for each decision and denying policy type, up to the message.
const heads = new Map<string, Map<string | undefined, Buffer>>();
const MATCHED = Buffer.from(',"matchedStatements":[');
const MISSING = Buffer.from('],"missingContextKeys":');
const NO_KEYS = Buffer.from('],"missingContextKeys":[]}\n');
const END = Buffer.from('}\n');
// A message with none of these is written as it is between quotes: JSON.stringify would escape
// only these (quote, backslash, control characters, and lone surrogates, which any surrogate
// here sends to JSON.stringify to judge).
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

function headOf(r: EvaluationResult): Buffer {
  let byKind = heads.get(r.decision);
  if (byKind === undefined) {
    byKind = new Map();
    heads.set(r.decision, byKind);
  }
  let h = byKind.get(r.deniedBy);
  if (h === undefined) {
    let text = `{"decision":${JSON.stringify(r.decision)}`;
    if (r.deniedBy) text += `,"deniedBy":${JSON.stringify(r.deniedBy)}`;
    h = Buffer.from(`${text},"message":`);
    byKind.set(r.deniedBy, h);
  }
  return h;
}

function bytesOf(m: MatchedStatement): Buffer {
  let b = statementBytes.get(m);
  if (b === undefined) {
    b = Buffer.from(JSON.stringify(m));
    statementBytes.set(m, b);
  }
  return b;
}

/**
 * Writes one result as one NDJSON line (with its newline) into `sink`: the same bytes as
 * `JSON.stringify(resultJson(r))` in UTF-8, assembled from pieces serialised once (the line start
 * per decision, each matched statement) and copied, so only the message is encoded per result.
 */
export function writeResultLine(r: EvaluationResult, sink: ByteSink): void {
  const text = r.message;
  const plain = !ESCAPED.test(text);
  const message = plain ? text : JSON.stringify(text);
  const keys = r.missingContextKeys.length === 0 ? undefined : JSON.stringify(r.missingContextKeys);
  const head = headOf(r);
  const ms = r.matchedStatements;
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  let size = head.length + 3 * message.length + 2 + MATCHED.length + NO_KEYS.length + ms.length;
  if (keys !== undefined) size += 3 * keys.length;
  for (let i = 0; i < ms.length; i++) size += bytesOf(ms[i]).length;
  sink.room(size);
  const buf = sink.buf;
  let pos = sink.pos;
  buf.set(head, pos);
  pos += head.length;
  if (plain) {
    buf[pos++] = 0x22; // "
    pos += buf.write(message, pos);
    buf[pos++] = 0x22;
  } else pos += buf.write(message, pos);
  buf.set(MATCHED, pos);
  pos += MATCHED.length;
  for (let i = 0; i < ms.length; i++) {
    if (i > 0) buf[pos++] = 0x2c; // ,
    const b = bytesOf(ms[i]);
    buf.set(b, pos);
    pos += b.length;
  }
  if (keys === undefined) {
    buf.set(NO_KEYS, pos);
    pos += NO_KEYS.length;
  } else {
    buf.set(MISSING, pos);
    pos += MISSING.length;
    pos += buf.write(keys, pos);
    buf.set(END, pos);
    pos += END.length;
  }
  sink.pos = pos;
}

/** One result as one NDJSON line (with its newline), as `writeResultLine` writes it. */
export function resultLine(r: EvaluationResult): string {
  const sink: ByteSink = {
    buf: Buffer.alloc(0),
    pos: 0,
    room(bytes) {
      const grown = Buffer.alloc(this.pos + bytes);
      grown.set(this.buf.subarray(0, this.pos));
      this.buf = grown;
    },
  };
  writeResultLine(r, sink);
  return sink.buf.toString('utf8', 0, sink.pos);
}

export function renderText(scenarios: Scenario[], results: EvaluationResult[], file?: string): string {
  const out: string[] = [];
  results.forEach((r, i) => {
    const { request, name } = scenarios[i];
    if (i > 0) out.push('');
    out.push(...textLines(`Scenario ${i + 1}${name ? `: ${name}` : ''}`, request, r, file));
  });
  return `${out.join('\n')}\n`;
}

/** One result of batch mode in text, with a blank line before all but the first. */
export function renderTextResult(
  title: string,
  request: Request,
  r: EvaluationResult,
  file?: string,
  first = false,
): string {
  return `${first ? '' : '\n'}${textLines(title, request, r, file).join('\n')}\n`;
}

function textLines(title: string, request: Request, r: EvaluationResult, file?: string): string[] {
  const out: string[] = [title];
  out.push(`  Request: ${request.principal} -> ${request.action} on ${request.resource}`);
  const by = r.deniedBy ? ` (${policyKindName(r.deniedBy)})` : '';
  out.push(`  Decision: ${r.decision}${by}`);
  out.push(`  ${r.message}`);
  if (r.matchedStatements.length === 0) out.push('  Matched statements: none');
  else {
    out.push('  Matched statements:');
    for (const m of r.matchedStatements) {
      const { line, column } = m.location.span.start;
      const where = `${m.file ?? file ?? '<input>'}:${line}:${column + 1}`;
      const sid = /^\d+$/.test(m.statement) ? `#${m.statement}` : `"${m.statement}"`;
      out.push(
        `    ${m.effect.padEnd(5)} ${m.policyType.padEnd(11)} ${m.policy} statement ${sid}  ${where}  (${formatPath(m.location.path)})`,
      );
    }
  }
  if (r.missingContextKeys.length > 0) out.push(`  Missing context keys: ${r.missingContextKeys.join(', ')}`);
  if (canonicalActionName(request.action) === undefined) {
    out.push(`  Note: ${request.action} is not an action in the Service Authorization Reference`);
  }
  return out;
}
