/**
 * What the controls read: AWS CLI exports keyed by their command (`iam get-account-summary`), each
 * with the file it came from, and the IAM model built from `iam get-account-authorization-details`.
 * A snapshot and a template both become this shape, so one set of rules decides both.
 */
import type { IamModel } from './iam.js';
import type { Oracle } from './oracle.js';
import type { Evidence } from './types.js';
import { asArray, isObject } from './util.js';

export { asArray, isObject };

export interface ExportRecord {
  /** The AWS CLI command, e.g. `cloudtrail describe-trails`. */
  key: string;
  file: string;
  data: unknown;
  /** The Region the export was taken in, for regional exports. */
  region?: string;
  /** For exports synthesized from a template: where a JSON path of `data` is in the template. */
  cite?: (path: string) => { file: string; path: string; line?: number } | undefined;
}

/** Escalation analysis results (from the account engine), or why they are missing. */
export interface EscalationInput {
  /** Principals that are, or can reach, an administrator-equivalent principal. */
  escalating?: { principal: string; via?: string }[];
  /** Principals with paths the analysis could not decide (an inventory is missing...). */
  undecided?: { principal: string; missing: string }[];
  /** Snapshot-wide limits of the analysis. */
  notes?: string[];
  /** Why there is no analysis at all. */
  unknown?: string;
}

export interface BaselineInput {
  source: 'snapshot' | 'template';
  target: string;
  /** "Now" for ages (credential report, trail delivery); the snapshot's time when known. */
  now: Date;
  account?: string;
  exports: ExportRecord[];
  /** Built from `iam get-account-authorization-details` (undefined when that export is missing). */
  iam?: IamModel;
  escalation?: EscalationInput;
  /** The evaluator and reasoner the controls ask (bound by src/pipelines/baseline.ts). */
  oracle: Oracle;
}

/** The codes AWS returns when the thing asked for does not exist: a recorded "not found" is a FAIL. */
export const NOT_FOUND_CODES = new Set([
  'NoSuchEntity',
  'NoSuchPublicAccessBlockConfiguration',
  'NoSuchTagSet',
  'NoSuchBucketPolicy',
  'ResourceNotFoundException',
  'TrailNotFoundException',
  'NotFoundException',
]);

export type Lookup =
  | { state: 'present'; record: ExportRecord; data: unknown }
  | { state: 'missing'; key: string }
  | { state: 'notFound'; record: ExportRecord; code: string }
  | { state: 'error'; record: ExportRecord; code: string };

/**
 * A recorded AWS error: `{"Error": {"Code": "NoSuchEntity", "Message": "..."}}` (what `account
 * collect` writes when a command fails), or undefined for ordinary output.
 */
export function recordedError(data: unknown): string | undefined {
  if (!isObject(data)) return undefined;
  const e = data.Error;
  if (!isObject(e) || typeof e.Code !== 'string') return undefined;
  return e.Code;
}

/** The export of a command (in a Region, when given and recorded per Region). */
export function lookup(input: BaselineInput, key: string, region?: string): Lookup {
  const all = input.exports.filter((e) => e.key === key);
  const record =
    (region !== undefined ? all.find((e) => e.region === region) : undefined) ??
    all.find((e) => e.region === undefined) ??
    (region === undefined ? all[0] : undefined);
  if (!record) return { state: 'missing', key };
  const code = recordedError(record.data);
  if (code !== undefined) {
    return NOT_FOUND_CODES.has(code) ? { state: 'notFound', record, code } : { state: 'error', record, code };
  }
  return { state: 'present', record, data: record.data };
}

/** All records of a command (one per Region). */
export function lookupAll(input: BaselineInput, key: string): ExportRecord[] {
  return input.exports.filter((e) => e.key === key);
}

/** Evidence pointing at `path` inside an export. */
export function cite(record: ExportRecord, path: string, value?: unknown): Evidence {
  const mapped = record.cite?.(path);
  const out: Evidence = mapped
    ? { export: record.key, file: mapped.file, path: mapped.path }
    : { export: record.key, file: record.file, path };
  if (mapped?.line !== undefined) (out as Evidence & { line?: number }).line = mapped.line;
  if (value !== undefined) out.value = shorten(value);
  return out;
}

function shorten(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 197)}...` : v;
  if (v === null || typeof v !== 'object') return v;
  const text = JSON.stringify(v);
  return text.length > 200 ? `${text.slice(0, 197)}...` : v;
}

/** `$.a.b[0]` from parts. */
export function jsonPath(...parts: (string | number)[]): string {
  let out = '$';
  for (const p of parts)
    out += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return out;
}

/** Why a lookup gives no answer, for UNKNOWN messages. */
export function unavailable(l: Exclude<Lookup, { state: 'present' }>): string {
  if (l.state === 'missing') return `the export \`aws ${l.key}\` is missing`;
  return `\`aws ${l.record.key}\` recorded ${l.code}`;
}
