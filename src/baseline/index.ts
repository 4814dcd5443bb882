/**
 * `leastpriv baseline`: the hydrate plan (seed 001), account aliases (seed 004) and the CIS AWS
 * Foundations Benchmark controls, decided offline over an account snapshot or a CloudFormation
 * template. Reads no files and prints nothing.
 */
import type { Control } from './define.js';
import type { BaselineInput } from './input.js';
import { CONTROLS } from './registry.js';
import { assumableRoles, firstAllowedRegion, kindOf } from './roles.js';
import type { BaselineGraph, BaselineReport, ControlResult, Verdict } from './types.js';

export type { Control } from './define.js';
export { PASSWORD_POLICY_TYPE, PUBLIC_ACCESS_BLOCK_TYPE } from './emit.js';
export type { IamModel, IamPolicy } from './iam.js';
export type { BaselineInput, EscalationInput, ExportRecord } from './input.js';
export type * from './oracle.js';
export { CONTROLS, controlById } from './registry.js';
export type * from './types.js';

export interface RunOptions {
  /** Run only these control ids. */
  only?: string[];
}

/** Decides every control; a control that throws is UNKNOWN with the error, never a crash. */
export async function runBaseline(input: BaselineInput, options: RunOptions = {}): Promise<BaselineReport> {
  const controls: Control[] = options.only
    ? CONTROLS.filter((c) => options.only!.includes(c.meta.id))
    : CONTROLS;
  const results: ControlResult[] = [];
  for (const c of controls) {
    try {
      for (const v of await c.decide(input)) results.push({ id: c.meta.id, ...designTime(input, v) });
    } catch (e) {
      results.push({
        id: c.meta.id,
        status: 'UNKNOWN',
        message: `the control failed: ${(e as Error).message}`,
        evidence: [],
      });
    }
  }
  const summary = { PASS: 0, FAIL: 0, UNKNOWN: 0 };
  for (const r of results) summary[r.status]++;
  return {
    source: input.source,
    target: input.target,
    account: input.account,
    controls: controls.map((c) => c.meta),
    results,
    summary,
    graph: principalGraph(input),
  };
}

/** In a template audit, an export nobody synthesized is something a template cannot show. */
function designTime(input: BaselineInput, v: Verdict): Verdict {
  if (input.source !== 'template' || v.status !== 'UNKNOWN') return v;
  const m = /^the export `aws ([^`]+)` is missing/.exec(v.message);
  return m
    ? { ...v, message: `a template cannot show this (it needs \`aws ${m[1]}\` from the deployed account)` }
    : v;
}

/**
 * Users, groups and roles, with membership and assume edges, each decided by the evaluator: an
 * edge when a member of the group may assume the role with MFA, `assume-mfa` when not without it.
 */
export function principalGraph(input: BaselineInput): BaselineGraph {
  const model = input.iam;
  const graph: BaselineGraph = { nodes: [], edges: [] };
  if (!model) return graph;
  graph.nodes.push({
    id: 'root',
    kind: 'root',
    label: `root (${input.account ?? model.account ?? 'account'})`,
  });
  const account = model.account ?? input.account ?? '123456789012';
  const region = firstAllowedRegion(model);
  const roleIds = new Set<string>();
  for (const g of model.groups) {
    graph.nodes.push({ id: g.arn, kind: 'group', label: g.name });
    const withoutMfa = new Set(
      assumableRoles(input.oracle, model, g, account, region, false).map((r) => r.arn),
    );
    for (const r of assumableRoles(input.oracle, model, g, account, region)) {
      if (!roleIds.has(r.arn)) {
        roleIds.add(r.arn);
        graph.nodes.push({ id: r.arn, kind: 'role', label: r.name });
      }
      graph.edges.push({ from: g.arn, to: r.arn, kind: withoutMfa.has(r.arn) ? 'assume' : 'assume-mfa' });
    }
  }
  for (const r of model.roles) {
    if (!roleIds.has(r.arn) && kindOf(r.name)) {
      roleIds.add(r.arn);
      graph.nodes.push({ id: r.arn, kind: 'role', label: r.name });
    }
  }
  for (const u of model.users) {
    graph.nodes.push({ id: u.arn, kind: 'user', label: u.name });
    for (const gname of u.groups) {
      const g = model.groups.find((x) => x.name === gname);
      if (g) graph.edges.push({ from: u.arn, to: g.arn, kind: 'member' });
    }
  }
  return graph;
}
