/**
 * Renders a baseline audit: text (one line per result, evidence of FAIL and UNKNOWN), JSON (the
 * report object), SARIF 2.1.0 (one rule per control, FAIL and UNKNOWN results) and a
 * self-contained HTML page (no network: inline CSS and an SVG graph of principals and roles).
 */
import type { BaselineReport, CisIds, ControlMeta, ControlResult, Evidence } from '../baseline/types.js';
import { INFORMATION_URI, SARIF_SCHEMA_URI } from './sarif.js';

export type BaselineFormat = 'text' | 'json' | 'sarif' | 'html';
export const BASELINE_FORMATS: BaselineFormat[] = ['text', 'json', 'sarif', 'html'];

export function cisLabel(cis: CisIds | undefined): string {
  if (!cis) return '';
  return `CIS ${cis.v120 ?? '–'}/${cis.v140 ?? '–'}/${cis.v300 ?? '–'}`;
}

function where(e: Evidence): string {
  const line = (e as Evidence & { line?: number }).line;
  const v = e.value === undefined ? '' : ` = ${JSON.stringify(e.value)}`;
  return `${e.file}${line ? `:${line}` : ''} ${e.path}${v} (aws ${e.export})`;
}

function title(r: BaselineReport): string {
  return `${r.source} ${r.target}${r.account ? ` (account ${r.account})` : ''}`;
}

export function renderBaselineText(r: BaselineReport): string {
  const meta = new Map(r.controls.map((c) => [c.id, c]));
  const lines = [`leastpriv baseline audit of ${title(r)}`, ''];
  for (const x of r.results) {
    const m = meta.get(x.id);
    const cis = cisLabel(m?.cis);
    lines.push(
      `${x.status.padEnd(7)} ${x.id}${x.subject ? ` [${x.subject}]` : ''}${cis ? ` (${cis})` : ''}: ${x.message}`,
    );
    if (x.status !== 'PASS') for (const e of x.evidence.slice(0, 3)) lines.push(`        at ${where(e)}`);
  }
  lines.push('', `${r.summary.PASS} PASS, ${r.summary.FAIL} FAIL, ${r.summary.UNKNOWN} UNKNOWN`);
  return `${lines.join('\n')}\n`;
}

export function renderBaselineJson(r: BaselineReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

const DOCS = 'https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html';

export function renderBaselineSarif(r: BaselineReport, version: string): string {
  const rules = r.controls.map((c) => ({
    id: c.id,
    name: c.id,
    shortDescription: { text: c.title },
    ...(c.cis ? { helpUri: DOCS } : {}),
    properties: {
      section: c.section,
      ...(c.cis ? { cis: c.cis } : {}),
      ...(c.securityHub ? { securityHub: c.securityHub } : {}),
      exports: c.exports,
    },
  }));
  const results = r.results
    .filter((x) => x.status !== 'PASS')
    .map((x) => ({
      ruleId: x.id,
      ruleIndex: r.controls.findIndex((c) => c.id === x.id),
      level: x.status === 'FAIL' ? 'error' : 'note',
      kind: x.status === 'FAIL' ? 'fail' : 'review',
      message: { text: `${x.subject ? `${x.subject}: ` : ''}${x.message}` },
      properties: { status: x.status, ...(x.subject ? { subject: x.subject } : {}) },
      locations: (x.evidence.length > 0
        ? x.evidence.slice(0, 3)
        : [{ export: '', file: r.target, path: '$' }]
      ).map((e) => {
        const line = (e as Evidence & { line?: number }).line;
        return {
          physicalLocation: {
            artifactLocation: { uri: e.file },
            ...(line ? { region: { startLine: line } } : {}),
          },
          logicalLocations: [{ fullyQualifiedName: e.path, kind: 'member' }],
        };
      }),
    }));
  const sarif = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leastpriv',
            version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The principals graph as inline SVG: users, groups and roles in three columns. */
export function renderGraphSvg(r: BaselineReport): string {
  const cols: Record<string, number> = { user: 0, root: 0, group: 1, role: 2 };
  const byCol: string[][] = [[], [], []];
  // Admin, operator, developer first, then the rest, in the order found.
  const rank = (label: string) => {
    const k = ['admin', 'operator', 'developer'].findIndex((x) => label.toLowerCase().includes(x));
    return k < 0 ? 3 : k;
  };
  const sorted = [...r.graph.nodes].sort((a, b) => rank(a.label) - rank(b.label));
  for (const n of sorted) byCol[cols[n.kind]].push(n.id);
  const W = 260;
  const H = 44;
  const pos = new Map<string, { x: number; y: number }>();
  byCol.forEach((ids, c) => {
    ids.forEach((id, i) => {
      pos.set(id, { x: 20 + c * (W + 80), y: 40 + i * H });
    });
  });
  const height = Math.max(1, ...byCol.map((c) => c.length)) * H + 90;
  const width = 3 * W + 2 * 80 + 40;
  const edges = r.graph.edges
    .map((e) => {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (!a || !b) return '';
      const cls = e.kind === 'assume-mfa' ? 'edge mfa' : e.kind === 'assume' ? 'edge nomfa' : 'edge member';
      const tip =
        e.kind === 'member'
          ? 'member of'
          : e.kind === 'assume-mfa'
            ? 'may assume, only with MFA'
            : 'may assume without MFA';
      return `<line class="${cls}" x1="${a.x + W}" y1="${a.y + 14}" x2="${b.x}" y2="${b.y + 14}" marker-end="url(#arrow)"><title>${tip}</title></line>`;
    })
    .join('');
  const nodes = r.graph.nodes
    .map((n) => {
      const p = pos.get(n.id)!;
      return `<g class="node ${n.kind}"><rect x="${p.x}" y="${p.y}" width="${W}" height="28" rx="6"/><text x="${p.x + 10}" y="${p.y + 19}">${esc(`${n.kind}: ${n.label}`)}</text></g>`;
    })
    .join('');
  const heads = ['users', 'groups', 'roles']
    .map((h, i) => `<text class="head" x="${20 + i * (W + 80)}" y="24">${h}</text>`)
    .join('');
  const ly = height - 24;
  const legend = `<g class="legend"><line class="edge member" x1="20" y1="${ly}" x2="60" y2="${ly}"/><text x="66" y="${ly + 4}">member of</text><line class="edge mfa" x1="170" y1="${ly}" x2="210" y2="${ly}"/><text x="216" y="${ly + 4}">may assume, only with MFA</text><line class="edge nomfa" x1="420" y1="${ly}" x2="460" y2="${ly}"/><text x="466" y="${ly + 4}">may assume without MFA</text></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="principals and roles" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${legend}<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>${heads}${edges}${nodes}</svg>`;
}

function row(x: ControlResult, m: ControlMeta | undefined): string {
  const ev = x.evidence
    .map(
      (e) =>
        `<li><code>${esc(e.file)}${(e as Evidence & { line?: number }).line ? `:${(e as Evidence & { line?: number }).line}` : ''}</code> <code>${esc(e.path)}</code>${e.value === undefined ? '' : ` = <code>${esc(JSON.stringify(e.value))}</code>`} <span class="export">aws ${esc(e.export)}</span></li>`,
    )
    .join('');
  return `<tr class="${x.status.toLowerCase()}"><td><span class="badge ${x.status.toLowerCase()}">${x.status}</span></td><td><strong>${esc(x.id)}</strong>${x.subject ? `<br><span class="subject">${esc(x.subject)}</span>` : ''}</td><td>${esc(m?.title ?? '')}</td><td class="cis">${esc(cisLabel(m?.cis))}</td><td>${esc(x.message)}${ev ? `<details><summary>evidence (${x.evidence.length})</summary><ul>${ev}</ul></details>` : ''}</td></tr>`;
}

export function renderBaselineHtml(r: BaselineReport): string {
  const meta = new Map(r.controls.map((c) => [c.id, c]));
  const rows = r.results.map((x) => row(x, meta.get(x.id))).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>leastpriv baseline: ${esc(title(r))}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1d1d1f; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px; }
.summary { margin: 8px 0 20px; }
.summary span { display: inline-block; margin-right: 12px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid #e3e3e3; }
th { background: #f4f4f6; position: sticky; top: 0; }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 4px; padding: 1px 6px; font-weight: 600; color: #fff; }
.badge.pass { background: #1a7f37; } .badge.fail { background: #cf222e; } .badge.unknown { background: #8c6d1f; }
.subject { color: #555; font-size: 12px; }
.cis { white-space: nowrap; color: #555; font-size: 12px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f4f4f6; padding: 0 3px; border-radius: 3px; }
.export { color: #666; font-size: 12px; }
details summary { cursor: pointer; color: #0550ae; }
svg .node rect { fill: #f4f4f6; stroke: #888; } svg .node.role rect { fill: #eef4ff; stroke: #0550ae; } svg .node.group rect { fill: #f3fbf5; stroke: #1a7f37; }
svg text { font: 12px system-ui, sans-serif; fill: #1d1d1f; } svg .head { font-weight: 600; }
svg .edge { stroke: #555; stroke-width: 1.3; } svg .edge.nomfa { stroke: #cf222e; stroke-dasharray: 5 3; } svg .edge.member { stroke: #999; }
</style>
</head>
<body>
<h1>leastpriv baseline audit</h1>
<div>${esc(title(r))}</div>
<div class="summary" id="summary"><span><span class="badge pass">PASS</span> ${r.summary.PASS}</span><span><span class="badge fail">FAIL</span> ${r.summary.FAIL}</span><span><span class="badge unknown">UNKNOWN</span> ${r.summary.UNKNOWN}</span></div>
<h2>Principals and roles</h2>
<div id="graph">${r.graph.nodes.length ? renderGraphSvg(r) : '<p>No IAM principals (the authorization details are missing).</p>'}</div>
<h2>Controls</h2>
<table id="controls">
<thead><tr><th>Status</th><th>Control</th><th>Title</th><th>CIS v1.2/1.4/3.0</th><th>Result and evidence</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

export function renderBaseline(r: BaselineReport, format: BaselineFormat, version: string): string {
  switch (format) {
    case 'json':
      return renderBaselineJson(r);
    case 'sarif':
      return renderBaselineSarif(r, version);
    case 'html':
      return renderBaselineHtml(r);
    default:
      return renderBaselineText(r);
  }
}
