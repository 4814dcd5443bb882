/**
 * The baseline audit's shapes: a control decides PASS / FAIL / UNKNOWN from named read-only AWS CLI
 * exports (or from what a CloudFormation template would create), and cites the evidence it used
 * (the export's file and a JSON path inside it). The rules are ../shared/baseline-controls.md.
 */

export type Status = 'PASS' | 'FAIL' | 'UNKNOWN';

/** Where a fact came from: the export (AWS CLI command), its file, and a JSON path inside it. */
export interface Evidence {
  /** The AWS CLI command that produced the export, e.g. `iam get-account-summary`. */
  export: string;
  file: string;
  /** JSON path inside the file, `$` for the whole document. */
  path: string;
  /** The value found there (short), when it helps a reader. */
  value?: unknown;
}

/** CIS AWS Foundations Benchmark recommendation numbers per version ('' when none). */
export interface CisIds {
  v120?: string;
  v140?: string;
  v300?: string;
}

export interface ControlMeta {
  /** Stable id, e.g. `HYD-ROOT-MFA`. */
  id: string;
  title: string;
  section: 'root' | 'users' | 'roles' | 'logging' | 'alerting' | 'naming';
  cis?: CisIds;
  /** Security Hub control ids. */
  securityHub?: string[];
  /** The exports the control reads (AWS CLI commands). */
  exports: string[];
}

export interface ControlResult {
  id: string;
  /** What the result is about when a control reports several (a role, a CIS version). */
  subject?: string;
  status: Status;
  message: string;
  evidence: Evidence[];
}

/** A control's verdict before the runner stamps its id on it. */
export type Verdict = Omit<ControlResult, 'id'>;

export interface BaselineReport {
  source: 'snapshot' | 'template';
  /** The snapshot directory/bundle or template file. */
  target: string;
  account?: string;
  controls: ControlMeta[];
  results: ControlResult[];
  summary: { PASS: number; FAIL: number; UNKNOWN: number };
  /** Principals, roles and the edges between them, for the graph in reports. */
  graph: BaselineGraph;
}

export interface BaselineGraph {
  nodes: { id: string; kind: 'user' | 'group' | 'role' | 'root'; label: string }[];
  edges: { from: string; to: string; kind: 'member' | 'assume' | 'assume-mfa' }[];
}
