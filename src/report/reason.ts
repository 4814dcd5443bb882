/**
 * Renders the proof commands' results: AWS's custom policy check shape (JSON) or readable text,
 * with the replayed counterexample and, for UNKNOWN, the query and the policies it was about.
 */
import type { AnalyzeResult, CheckResult } from '../reason/index.js';

/** JSON output: Access Analyzer's result shape plus the counterexample. */
export function renderCheckJson(r: CheckResult | AnalyzeResult): string {
  return JSON.stringify(r, null, 2);
}

export function renderCheckText(name: string, r: CheckResult): string {
  const lines = [`${name}: ${r.result}`, r.message];
  for (const reason of r.reasons) lines.push(`  - ${reason.description}`);
  if (r.counterexample) {
    const q = r.counterexample.request;
    lines.push('Counterexample (replayed by the evaluator):');
    lines.push(`  principal: ${q.principal}`, `  action:    ${q.action}`, `  resource:  ${q.resource}`);
    for (const [k, v] of Object.entries(q.context)) lines.push(`  context:   ${k} = ${JSON.stringify(v)}`);
    if (r.counterexample.principalAccount)
      lines.push(`  principal account: ${r.counterexample.principalAccount}`);
    if (r.counterexample.resourceAccount)
      lines.push(`  resource account: ${r.counterexample.resourceAccount}`);
    lines.push(`  decision:  ${r.counterexample.decision}`);
    if (r.counterexample.existingPolicyDecision) {
      lines.push(`  existing policy decision: ${r.counterexample.existingPolicyDecision}`);
    }
  }
  if (r.unknown) {
    lines.push(`  query: ${r.unknown.query}`, `  policies: ${r.unknown.policies.join(', ')}`);
  }
  return lines.join('\n');
}

export function renderFindingsText(r: AnalyzeResult): string {
  if (r.findings.length === 0 && !r.unknown && !r.effective) return 'No external access findings.';
  const lines: string[] = [];
  const example = (e: {
    request: { principal: string; action: string; resource: string; context: object };
  }) =>
    `${e.request.principal} ${e.request.action} ${e.request.resource} ${JSON.stringify(e.request.context)}`;
  for (const f of r.findings) {
    const principal = Object.entries(f.principal)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    lines.push(
      `${f.isPublic ? 'PUBLIC' : 'EXTERNAL'} access: statement ${f.statementId ? `'${f.statementId}' ` : ''}[${f.statementIndex}] grants ${principal}`,
    );
    lines.push(`  actions: ${f.action.join(', ')}`);
    const conds = Object.entries(f.condition);
    if (conds.length > 0) lines.push(`  conditions: ${conds.map(([k, v]) => `${k} = ${v}`).join('; ')}`);
    const q = f.example.request;
    lines.push(
      `  example: ${q.principal} ${q.action} ${q.resource} ${JSON.stringify(q.context)} -> ${f.example.decision}`,
    );
    if (f.resourceControlPolicyRestriction)
      lines.push(`  resourceControlPolicyRestriction: ${f.resourceControlPolicyRestriction}`);
    if (f.effective) {
      const e = f.effective;
      lines.push(
        e.result === 'ALLOWED'
          ? `  effective (RCPs applied): ALLOWED, e.g. ${example(e.example)} -> ${e.example.decision}`
          : e.result === 'BLOCKED'
            ? '  effective (RCPs applied): BLOCKED for every external principal of this finding (proved)'
            : `  effective (RCPs applied): UNKNOWN (${e.reason})`,
      );
    }
  }
  if (r.effective) {
    const e = r.effective;
    if (r.findings.length === 0) lines.push('No external access findings.');
    lines.push(
      e.result === 'ALLOWED'
        ? 'External access with the policy set: yes (the RCPs leave at least one finding reachable).'
        : e.result === 'BLOCKED'
          ? 'External access with the policy set: none (proved over the resource policy and RCPs).'
          : `External access with the policy set: UNKNOWN (${e.reason})`,
    );
  }
  if (r.unknown) lines.push(`UNKNOWN: ${r.unknown.reason} (query: ${r.unknown.query})`);
  return lines.join('\n');
}
