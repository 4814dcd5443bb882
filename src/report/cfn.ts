/**
 * Reports for `leastpriv cfn`: cfn-policy-validator's JSON shape
 * (`{"BlockingFindings": [...], "NonBlockingFindings": [...]}`) and SARIF pointing at template lines.
 * Blocking rules, --ignore-finding and --allow-external-principals follow cfn-policy-validator's README.
 * SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import type { Span } from '../policy/location.js';
import { sarifLog, sarifResultLevel, sarifRule } from './sarif.js';

export type CfnFindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

/** One finding as cfn-policy-validator prints it. */
export interface CfnFinding {
  findingType: CfnFindingType;
  code: string;
  message: string;
  resourceName: string;
  policyName: string;
  details: unknown;
}

/** A finding plus where it is in the template. */
export interface LocatedCfnFinding extends CfnFinding {
  span: Span;
  /** The template file (set when several templates are checked in one run). */
  file?: string;
  /** The finding is on a statement the SAM transform generated (e.g. "SAM policy template SQSPollerPolicy"). */
  origin?: string;
  /** Placeholders of values not known offline in the statement the finding is about. */
  unresolved?: string[];
}

export interface CfnReport {
  BlockingFindings: CfnFinding[];
  NonBlockingFindings: CfnFinding[];
}

export const DEFAULT_BLOCKING: readonly CfnFindingType[] = ['ERROR', 'SECURITY_WARNING'];
const FINDING_TYPES = new Set(['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION']);

/** Parses `--treat-finding-type-as-blocking` ("ERROR,WARNING", or "NONE"). Throws on an unknown type. */
export function parseBlockingTypes(text: string | undefined): CfnFindingType[] {
  if (text === undefined) return [...DEFAULT_BLOCKING];
  const parts = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (parts.includes('NONE')) return [];
  for (const p of parts) {
    if (!FINDING_TYPES.has(p)) {
      throw new Error(
        `invalid finding type "${p}": use ERROR, SECURITY_WARNING, WARNING, SUGGESTION or NONE`,
      );
    }
  }
  return parts as CfnFindingType[];
}

/** Splits a comma separated flag value (flags may also repeat). */
export function splitList(values: string[] | string | undefined): string[] {
  if (values === undefined) return [];
  const list = Array.isArray(values) ? values : [values];
  return list
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * True when `--ignore-finding` entries suppress the finding: an entry is a finding code, a
 * resource name, or `ResourceName.CODE` (compared ignoring case, as cfn-policy-validator does).
 */
export function isIgnored(f: CfnFinding, ignore: readonly string[]): boolean {
  const name = f.resourceName.toLowerCase();
  const code = f.code.toLowerCase();
  return ignore.some((raw) => {
    const entry = raw.toLowerCase();
    if (entry === code || entry === name) return true;
    const dot = entry.lastIndexOf('.');
    return dot > 0 && entry.slice(0, dot) === name && entry.slice(dot + 1) === code;
  });
}

/** The principal an EXTERNAL_PRINCIPAL finding is about (`AWS`, else `Federated`, else `CanonicalUser`). */
function externalPrincipalOf(f: CfnFinding): string | undefined {
  if (f.code !== 'EXTERNAL_PRINCIPAL') return undefined;
  const p = (f.details as { principal?: Record<string, string> } | undefined)?.principal ?? {};
  return p.AWS ?? p.Federated ?? p.CanonicalUser;
}

/**
 * True when `--allow-external-principals` accepts the finding's principal: an entry equal to the
 * principal, or an account id equal to the account of a principal ARN.
 */
export function isAllowedExternal(f: CfnFinding, allowed: readonly string[]): boolean {
  const principal = externalPrincipalOf(f);
  if (principal === undefined) return false;
  const arnAccount = /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(principal)?.[1];
  return allowed.some((a) =>
    arnAccount !== undefined ? a === arnAccount || a === principal : a === principal,
  );
}

export interface ReportOptions {
  ignore?: readonly string[];
  blocking?: readonly CfnFindingType[];
  allowExternalPrincipals?: readonly string[];
  /** Findings on statements holding unresolved values (and UNRESOLVED findings) block too. */
  strict?: boolean;
  /** Findings on SAM-generated statements block too. */
  blockGenerated?: boolean;
  /** leastpriv-only codes (`LP_*`, which cfn-policy-validator does not report) block too. */
  blockLeastprivCodes?: boolean;
}

/**
 * Why a finding of a blocking type does not block: on a statement SAM wrote, a leastpriv-only
 * code, or a statement holding values not known offline. Undefined when it blocks.
 */
export function demotion(f: LocatedCfnFinding, options: ReportOptions): string | undefined {
  if ((f.code === 'UNRESOLVED' || f.unresolved?.length) && !options.strict) return 'unresolved';
  // --strict: a value missing offline is the user's to pass, whoever wrote the statement.
  if (f.code === 'UNRESOLVED') return undefined;
  // Each flag lifts its own demotion only: --strict does not make a SAM-generated or LP_ finding block.
  if (f.origin && !options.blockGenerated) return 'generated';
  if (f.code.startsWith('LP_') && !options.blockLeastprivCodes) return 'leastprivOnly';
  return undefined;
}

/** Applies suppression and classification; returns the findings kept, classified. */
export function classify(
  findings: readonly LocatedCfnFinding[],
  options: ReportOptions,
): { blocking: LocatedCfnFinding[]; nonBlocking: LocatedCfnFinding[] } {
  const blockingTypes = new Set(options.blocking ?? DEFAULT_BLOCKING);
  const blocking: LocatedCfnFinding[] = [];
  const nonBlocking: LocatedCfnFinding[] = [];
  // cfn-policy-validator reports errors, then security warnings, warnings and suggestions.
  const order = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order.indexOf(a.f.findingType) - order.indexOf(b.f.findingType) || a.i - b.i)
    .map((x) => x.f);
  for (const f of sorted) {
    if (isIgnored(f, options.ignore ?? [])) continue;
    if (isAllowedExternal(f, options.allowExternalPrincipals ?? [])) continue;
    const blocks =
      (blockingTypes.has(f.findingType) || (f.code === 'UNRESOLVED' && options.strict)) &&
      demotion(f, options) === undefined;
    (blocks ? blocking : nonBlocking).push(f);
  }
  return { blocking, nonBlocking };
}

/**
 * cfn-policy-validator's finding fields, then leastpriv's: `templateLocation` (where in the
 * template file; `details.locations`, when present, are Access Analyzer's spans inside the policy
 * document as serialised for the check, not template lines), `origin` and `unresolved`.
 */
const strip = (f: LocatedCfnFinding) => ({
  findingType: f.findingType,
  code: f.code,
  message: f.message,
  resourceName: f.resourceName,
  policyName: f.policyName,
  details: f.details,
  templateLocation: {
    ...(f.file !== undefined ? { file: f.file } : {}),
    startLine: f.span.start.line,
    startColumn: f.span.start.column + 1,
    endLine: f.span.end.line,
    endColumn: f.span.end.column + 1,
  },
  ...(f.origin ? { origin: f.origin } : {}),
  ...(f.unresolved?.length ? { unresolved: f.unresolved } : {}),
});

export function renderCfnJson(c: {
  blocking: LocatedCfnFinding[];
  nonBlocking: LocatedCfnFinding[];
}): string {
  const report = {
    BlockingFindings: c.blocking.map(strip),
    NonBlockingFindings: c.nonBlocking.map(strip),
  };
  return `${JSON.stringify(report, null, 4)}\n`;
}

/** SARIF 2.1.0 with one result per finding, located at the template line of the policy element. */
export function renderCfnSarif(
  c: { blocking: LocatedCfnFinding[]; nonBlocking: LocatedCfnFinding[] },
  templateUri: string,
  version: string,
): string {
  const all = [...c.blocking, ...c.nonBlocking];
  // Rules and levels as `validate --format sarif` has them (one mapping for both commands).
  const rules = [...new Set(all.map((f) => f.code))].map((id) => {
    const f = all.find((x) => x.code === id)!;
    const link = (f.details as { learnMoreLink?: string } | undefined)?.learnMoreLink;
    return sarifRule({ id, findingType: f.findingType, learnMoreLink: link });
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const blocking = new Set(c.blocking);
  const results = all.map((f) => ({
    ruleId: f.code,
    ruleIndex: ruleIndex.get(f.code),
    // `error` only for what fails the run (exit 2); a non-blocking finding (SAM-generated,
    // unresolved, leastpriv-only, or of a type not treated as blocking) is at most `warning`.
    level: sarifResultLevel(f.findingType, blocking.has(f)),
    message: { text: `${f.message} (${f.resourceName} / ${f.policyName})` },
    properties: {
      findingType: f.findingType,
      resourceName: f.resourceName,
      policyName: f.policyName,
      blocking: blocking.has(f),
      ...(f.origin ? { origin: f.origin } : {}),
      ...(f.unresolved?.length ? { unresolved: f.unresolved } : {}),
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file ?? templateUri },
          region: {
            startLine: f.span.start.line,
            startColumn: f.span.start.column + 1,
            endLine: f.span.end.line,
            endColumn: f.span.end.column + 1,
          },
        },
      },
    ],
  }));
  return `${sarifLog(rules, results, version)}\n`;
}
