/**
 * The access graph as Graphviz DOT, Mermaid, JSON, or one self-contained HTML page (inline SVG
 * laid out here in layers, no script or style from the network, readable offline).
 */
import type { AccountGraph, GraphEdge, GraphNode } from '../account/graph.js';
import { type Aliases, accountText } from './account.js';

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function label(n: GraphNode, aliases: Aliases): string {
  return n.account ? `${n.label}\n${accountText(n.account, aliases)}` : n.label;
}

function edgeLabel(e: GraphEdge): string {
  return e.pathId ?? e.kind;
}

export function graphDot(g: AccountGraph, aliases: Aliases): string {
  const lines = ['digraph leastpriv {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  for (const n of g.nodes) {
    const style =
      n.kind === 'admin' ? ', style=filled, fillcolor="#f4cccc"' : n.admin ? ', color="#cc0000"' : '';
    lines.push(`  ${quote(n.id)} [label=${quote(label(n, aliases))}${style}];`);
  }
  for (const e of g.edges) lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(edgeLabel(e))}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

export function graphMermaid(g: AccountGraph, aliases: Aliases): string {
  const id = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
  const text = (s: string) => s.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
  const lines = ['flowchart LR'];
  for (const n of g.nodes) lines.push(`  ${id.get(n.id)}["${text(label(n, aliases))}"]`);
  for (const e of g.edges) lines.push(`  ${id.get(e.from)} -->|${text(edgeLabel(e))}| ${id.get(e.to)}`);
  return `${lines.join('\n')}\n`;
}

export function graphJson(g: AccountGraph, aliases: Aliases): string {
  const nodes = g.nodes.map((n) => ({
    ...n,
    ...(n.account && aliases.get(n.account) ? { accountAlias: aliases.get(n.account) } : {}),
  }));
  return `${JSON.stringify({ nodes, edges: g.edges }, null, 2)}\n`;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Box {
  n: GraphNode;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Layers by breadth-first depth from the nodes nothing points at; admin in the last layer. */
function layout(g: AccountGraph, aliases: Aliases): Box[] {
  const incoming = new Map<string, number>();
  for (const e of g.edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  const outs = new Map<string, string[]>();
  for (const e of g.edges) outs.set(e.from, [...(outs.get(e.from) ?? []), e.to]);
  const depth = new Map<string, number>();
  const queue = g.nodes.filter((n) => n.kind !== 'admin' && !incoming.get(n.id)).map((n) => n.id);
  for (const id of queue) depth.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    for (const t of outs.get(queue[i]) ?? []) {
      if (depth.has(t) || t === 'admin') continue;
      depth.set(t, depth.get(queue[i])! + 1);
      queue.push(t);
    }
  }
  let max = 0;
  for (const n of g.nodes) if (n.kind !== 'admin') max = Math.max(max, depth.get(n.id) ?? 0);
  const layers: GraphNode[][] = [];
  for (const n of g.nodes) {
    const d = n.kind === 'admin' ? max + 1 : (depth.get(n.id) ?? 0);
    layers[d] ??= [];
    layers[d].push(n);
  }
  const boxes: Box[] = [];
  let x = 20;
  for (const layer of layers) {
    if (!layer) continue;
    const chars = (n: GraphNode) => Math.max(n.label.length * 7, accountText(n.account, aliases).length * 6);
    const w = Math.max(...layer.map((n) => chars(n) + 24), 120);
    layer.forEach((n, i) => {
      boxes.push({ n, x, y: 20 + i * 60, w, h: 36 });
    });
    x += w + 120;
  }
  return boxes;
}

export function graphHtml(g: AccountGraph, aliases: Aliases, title = 'leastpriv account graph'): string {
  const boxes = layout(g, aliases);
  const at = new Map(boxes.map((b) => [b.n.id, b]));
  const width = Math.max(...boxes.map((b) => b.x + b.w), 200) + 20;
  const height = Math.max(...boxes.map((b) => b.y + b.h), 100) + 20;
  const svg: string[] = [];
  // One drawn edge per pair of nodes, labelled with every path between them.
  const merged = new Map<string, GraphEdge & { labels: string[] }>();
  for (const e of g.edges) {
    const key = `${e.from}\u0000${e.to}`;
    const m = merged.get(key);
    if (m) m.labels.push(edgeLabel(e));
    else merged.set(key, { ...e, labels: [edgeLabel(e)] });
  }
  [...merged.values()].forEach((e, i) => {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) return;
    const x1 = a.x + a.w;
    const y1 = a.y + a.h / 2;
    const x2 = b.x;
    const y2 = b.y + b.h / 2;
    const back = x2 <= x1;
    const path = back
      ? `M${a.x + a.w / 2},${a.y + a.h} C${a.x + a.w / 2},${a.y + a.h + 40} ${b.x + b.w / 2},${b.y + b.h + 40} ${b.x + b.w / 2},${b.y + b.h}`
      : `M${x1},${y1} C${x1 + 60},${y1} ${x2 - 60},${y2} ${x2},${y2}`;
    const lx = back ? (a.x + b.x) / 2 + a.w / 2 : (x1 + x2) / 2;
    const ly = back ? Math.max(a.y, b.y) + a.h + 30 : (y1 + y2) / 2 - 4;
    svg.push(
      `<g class="edge" data-from="${esc(e.from)}" data-to="${esc(e.to)}" id="e${i}"><path d="${path}" marker-end="url(#arrow)"/><text x="${lx}" y="${ly}">${esc(e.labels.join(', '))}</text><title>${esc(`${e.from} -> ${e.to}: ${e.actions.join(' + ') || e.kind}`)}</title></g>`,
    );
  });
  for (const b of boxes) {
    const cls = `node ${b.n.kind}${b.n.admin ? ' is-admin' : ''}`;
    const sub = b.n.account ? accountText(b.n.account, aliases) : '';
    svg.push(
      `<g class="${cls}" data-id="${esc(b.n.id)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="6"/><text x="${b.x + 10}" y="${b.y + 15}">${esc(b.n.label)}</text><text class="sub" x="${b.x + 10}" y="${b.y + 29}">${esc(sub)}</text><title>${esc(b.n.id)}</title></g>`,
    );
  }
  const rows = g.edges
    .map(
      (e) =>
        `<tr><td>${esc(e.from)}</td><td>${esc(e.pathId ?? '')}</td><td>${esc(e.kind)}</td><td>${esc(e.actions.join(', '))}</td><td>${esc(e.to)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:Helvetica,Arial,sans-serif;margin:16px;color:#222}
svg{border:1px solid #ddd;background:#fff}
.node rect{fill:#eef3fb;stroke:#4a6fa5}
.node.admin rect{fill:#f4cccc;stroke:#cc0000}
.node.is-admin rect{stroke:#cc0000;stroke-width:2}
.node.group rect{fill:#f3f3e6;stroke:#8a8a4a}
.node text{font-size:12px}.node .sub{font-size:10px;fill:#666}
.edge path{fill:none;stroke:#888;stroke-width:1.2}
.edge text{font-size:10px;fill:#555;text-anchor:middle}
.dim{opacity:.15}.hl path{stroke:#cc0000;stroke-width:2}
table{border-collapse:collapse;margin-top:16px;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}
</style></head><body>
<h1>${esc(title)}</h1>
<p>${g.nodes.length - 1} principal(s), ${g.edges.length} edge(s). Click a principal to show only its edges; click the background to reset.</p>
<svg id="graph" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker></defs>
${svg.join('\n')}
</svg>
<table><thead><tr><th>from</th><th>path</th><th>kind</th><th>actions</th><th>to</th></tr></thead><tbody>
${rows}
</tbody></table>
<script>
(function () {
  var svg = document.getElementById('graph');
  svg.addEventListener('click', function (ev) {
    var node = ev.target.closest('.node');
    var all = svg.querySelectorAll('.node, .edge');
    for (var i = 0; i < all.length; i++) all[i].classList.remove('dim', 'hl');
    if (!node) return;
    var id = node.getAttribute('data-id');
    var keep = {}; keep[id] = true;
    var edges = svg.querySelectorAll('.edge');
    for (var j = 0; j < edges.length; j++) {
      var e = edges[j];
      if (e.getAttribute('data-from') === id || e.getAttribute('data-to') === id) {
        e.classList.add('hl'); keep[e.getAttribute('data-from')] = true; keep[e.getAttribute('data-to')] = true;
      } else e.classList.add('dim');
    }
    var nodes = svg.querySelectorAll('.node');
    for (var k = 0; k < nodes.length; k++) if (!keep[nodes[k].getAttribute('data-id')]) nodes[k].classList.add('dim');
  });
})();
</script>
</body></html>
`;
}
