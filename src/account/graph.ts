/** The access graph: principals, and the assume / pass-role / modify / escalation edges between them. */
import { type EdgeKind, EscalationAnalysis, type EscalationOptions } from './escalation.js';
import type { AccountIndex } from './index-model.js';

export interface GraphNode {
  id: string;
  kind: 'user' | 'role' | 'group' | 'admin';
  label: string;
  account?: string;
  admin: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  pathId: string | null;
  actions: string[];
}

export interface AccountGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function accountGraph(index: AccountIndex, options: EscalationOptions = {}): AccountGraph {
  const a = new EscalationAnalysis(index, options);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Set<string>();
  const node = (n: GraphNode) => {
    if (!ids.has(n.id)) {
      ids.add(n.id);
      nodes.push(n);
    }
  };
  node({ id: 'admin', kind: 'admin', label: 'admin (administrator-equivalent)', admin: true });
  for (const p of index.principals) {
    const admin = a.isAdmin(p);
    node({ id: p.arn, kind: p.kind, label: `${p.kind} ${p.name}`, account: p.account, admin });
    const edge = (to: string, s: { kind: EdgeKind; pathId: string | null; actions: string[] }) =>
      edges.push({ from: p.arn, to, kind: s.kind, pathId: s.pathId, actions: s.actions });
    if (admin) {
      edge('admin', { kind: 'admin', pathId: null, actions: [] });
      continue;
    }
    const out = a.out(p);
    for (const e of out.edges) edge(e.to, e);
    for (const e of out.selfAdmin) edge('admin', e);
    for (const m of out.modifies) edge(m.target.arn, m.step);
    for (const g of out.groups) {
      node({
        id: g.step.to,
        kind: 'group',
        label: `group ${g.step.to.split('/').pop()}`,
        account: p.account,
        admin: false,
      });
      edge(g.step.to, g.step);
    }
  }
  return { nodes, edges };
}
