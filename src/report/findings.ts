/**
 * Rendering of validation findings: text (one line per finding, like a compiler), JSON (Access
 * Analyzer's ValidatePolicyFinding shape plus the file) and SARIF 2.1.0 for GitHub code scanning.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicyFinding.html
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import type { Location } from '../policy/location.js';
import type { CheckMeta, Finding, FindingType, PolicyType } from '../validate/types.js';
import { SARIF_LEVEL, sarifLog, sarifResultLevel, sarifRule } from './sarif.js';

export interface FileFindings {
  file: string;
  policyType: PolicyType;
  resourceType?: string;
  findings: Finding[];
}

export function renderJson(results: readonly FileFindings[]): string {
  return JSON.stringify(
    results.map((r) => ({
      file: r.file,
      policyType: r.policyType,
      ...(r.resourceType ? { resourceType: r.resourceType } : {}),
      findings: r.findings,
    })),
    null,
    2,
  );
}

const LABEL: Record<FindingType, string> = {
  ERROR: 'ERROR',
  SECURITY_WARNING: 'SECURITY_WARNING',
  WARNING: 'WARNING',
  SUGGESTION: 'SUGGESTION',
};

const COLOR: Record<FindingType, string> = {
  ERROR: '\u001b[31m',
  SECURITY_WARNING: '\u001b[35m',
  WARNING: '\u001b[33m',
  SUGGESTION: '\u001b[36m',
};
const RESET = '\u001b[0m';
const DIM = '\u001b[2m';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countByType(results: readonly FileFindings[]): Record<FindingType, number> {
  const counts: Record<FindingType, number> = { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 };
  for (const r of results) for (const f of r.findings) counts[f.findingType]++;
  return counts;
}

/** `file:line:column  TYPE  CODE  message` per finding (column 1-based), then a summary line. */
export function renderText(results: readonly FileFindings[], options: { color?: boolean } = {}): string {
  const color = options.color === true;
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const start = f.locations[0]?.span.start;
      const where = `${r.file}:${start?.line ?? 1}:${(start?.column ?? 0) + 1}`;
      const type = color ? `${COLOR[f.findingType]}${LABEL[f.findingType]}${RESET}` : LABEL[f.findingType];
      lines.push(`${color ? `${DIM}${where}${RESET}` : where}  ${type}  ${f.issueCode}  ${f.findingDetails}`);
    }
  }
  const c = countByType(results);
  const total = c.ERROR + c.SECURITY_WARNING + c.WARNING + c.SUGGESTION;
  lines.push(
    `${plural(total, 'finding')} (${plural(c.ERROR, 'error')}, ${plural(c.SECURITY_WARNING, 'security warning')}, ${plural(c.WARNING, 'warning')}, ${plural(c.SUGGESTION, 'suggestion')}) in ${plural(results.length, 'file')}`,
  );
  return lines.join('\n');
}

/** Artifact URI: relative to the base folder when the file lies below it (GitHub resolves URIs against the repository root). */
function toUri(file: string, baseDir?: string): string {
  if (file === '<stdin>' || file === '-') return 'stdin';
  let f = file.replace(/\\/g, '/');
  const base = baseDir?.replace(/\\/g, '/').replace(/\/?$/, '/');
  if (base && f.startsWith(base)) f = f.slice(base.length);
  return f.replace(/^\.\//, '');
}

function sarifLocation(file: string, loc: Location | undefined, baseDir?: string): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(file, baseDir) },
      region: loc
        ? {
            startLine: loc.span.start.line,
            startColumn: loc.span.start.column + 1,
            endLine: loc.span.end.line,
            endColumn: loc.span.end.column + 1,
          }
        : { startLine: 1, startColumn: 1 },
    },
    ...(loc
      ? {
          logicalLocations: [
            {
              fullyQualifiedName: loc.path
                .map((p) => ('index' in p ? `[${p.index}]` : 'value' in p ? p.value : p.key))
                .join('.')
                .replace(/\.\[/g, '['),
            },
          ],
        }
      : {}),
  };
}

export interface SarifOptions {
  toolVersion: string;
  /** Metadata of every check, for the rule list (only rules that occur are emitted). */
  rules: readonly CheckMeta[];
  /** Absolute file paths below this folder are written relative to it. */
  baseDir?: string;
  /** The finding types that fail the run (`--fail-on`): those results are `error`, others at most `warning`. */
  failOn?: readonly FindingType[];
}

export function renderSarif(results: readonly FileFindings[], options: SarifOptions): string {
  const used = new Set<string>();
  for (const r of results) for (const f of r.findings) used.add(f.issueCode);
  const metas = options.rules.filter((m) => used.has(m.issueCode));
  // A finding whose code has no registered meta still needs a rule.
  for (const code of used) {
    if (!metas.some((m) => m.issueCode === code)) {
      const f = results.flatMap((r) => r.findings).find((x) => x.issueCode === code)!;
      metas.push({
        issueCode: code,
        findingType: f.findingType,
        title: code,
        description: code,
        learnMoreLink: f.learnMoreLink,
      });
    }
  }
  const index = new Map(metas.map((m, i) => [m.issueCode, i]));
  const rules = metas.map((m) => sarifRule({ id: m.issueCode, ...m }));
  const sarifResults = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.issueCode,
      ruleIndex: index.get(f.issueCode),
      level: options.failOn
        ? sarifResultLevel(f.findingType, options.failOn.includes(f.findingType))
        : SARIF_LEVEL[f.findingType],
      message: { text: f.findingDetails },
      // The first location is where the finding is; others (e.g. the first of two duplicate
      // keys) are related places.
      locations: [sarifLocation(r.file, f.locations[0], options.baseDir)],
      ...(f.locations.length > 1
        ? {
            relatedLocations: f.locations
              .slice(1)
              .map((l, i) => ({ id: i, ...sarifLocation(r.file, l, options.baseDir) })),
          }
        : {}),
    })),
  );
  return sarifLog(rules, sarifResults, options.toolVersion);
}
