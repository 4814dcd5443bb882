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

// Matched statements are shared by every result they appear in: each is serialised once.
const statementJson = new WeakMap<MatchedStatement, string>();

/**
 * One result as one NDJSON line (with its newline): the same text as
 * `JSON.stringify(resultJson(r))`, built from pieces serialised once per statement.
 */
export function resultLine(r: EvaluationResult): string {
  let out = `{"decision":"${r.decision}"`;
  if (r.deniedBy) out += `,"deniedBy":"${r.deniedBy}"`;
  out += `,"message":${JSON.stringify(r.message)},"matchedStatements":[`;
  const ms = r.matchedStatements;
  for (let i = 0; i < ms.length; i++) {
    let j = statementJson.get(ms[i]);
    if (j === undefined) {
      j = JSON.stringify(ms[i]);
      statementJson.set(ms[i], j);
    }
    out += i === 0 ? j : `,${j}`;
  }
  const keys = r.missingContextKeys;
  return `${out}],"missingContextKeys":${keys.length === 0 ? '[]' : JSON.stringify(keys)}}\n`;
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
