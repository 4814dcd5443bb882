/**
 * The IAM credential report (`aws iam get-credential-report`: base64 CSV in `Content`, or the rows
 * already as objects). Dates are ISO 8601; `N/A`, `no_information` and `not_supported` mean never.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import { unknown, unknownFrom } from './define.js';
import { type BaselineInput, cite, type ExportRecord, lookup } from './input.js';
import type { Verdict } from './types.js';
import { isObject } from './util.js';

export type CredentialRow = Record<string, string> & { user: string };

export interface CredentialReport {
  rows: CredentialRow[];
  /** Row index -> JSON path to cite. */
  pathOf(index: number, column?: string): string;
  generated?: Date;
}

export const ROOT_USER = '<root_account>';

export function parseCredentialReport(data: unknown): CredentialReport | { problem: string } {
  if (Array.isArray(data)) {
    const rows = data.filter(isObject).map((r) => stringify(r));
    if (rows.some((r) => !('user' in r))) return { problem: 'credential report rows need a "user" column' };
    return { rows: rows as CredentialRow[], pathOf: (i, c) => `$[${i}]${c ? `.${c}` : ''}` };
  }
  if (!isObject(data)) return { problem: 'the credential report is neither an object nor an array of rows' };
  if (Array.isArray(data.Rows)) {
    const inner = parseCredentialReport(data.Rows);
    if ('problem' in inner) return inner;
    return { ...inner, pathOf: (i, c) => `$.Rows[${i}]${c ? `.${c}` : ''}` };
  }
  if (typeof data.Content !== 'string') return { problem: 'the credential report has no Content' };
  const text = Buffer.from(data.Content, 'base64').toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length === 0) return { problem: 'the credential report is empty' };
  const header = lines[0].split(',');
  if (header[0] !== 'user') return { problem: 'the credential report does not start with a "user" column' };
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(',');
    const row: Record<string, string> = {};
    header.forEach((h, k) => {
      row[h] = cells[k] ?? '';
    });
    return row as CredentialRow;
  });
  const generated = typeof data.GeneratedTime === 'string' ? new Date(data.GeneratedTime) : undefined;
  return {
    rows,
    generated: generated && !Number.isNaN(generated.getTime()) ? generated : undefined,
    // The CSV is one string; cite the row (1-based line in the decoded CSV) by its user column.
    pathOf: (i, c) => `$.Content(csv row ${i + 2}${c ? `, ${c}` : ''})`,
  };
}

function stringify(r: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) out[k] = v === null || v === undefined ? '' : String(v);
  return out;
}

/** A date cell, or undefined for never (`N/A`, `no_information`, `not_supported`, empty). */
export function dateCell(v: string | undefined): Date | undefined {
  if (!v || v === 'N/A' || v === 'no_information' || v === 'not_supported') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function boolCell(v: string | undefined): boolean {
  return v === 'true' || v === 'TRUE' || v === 'True';
}

export function daysBetween(a: Date, b: Date): number {
  return (b.getTime() - a.getTime()) / 86_400_000;
}

/** The credential report of the input, or the UNKNOWN verdict saying why there is none. */
export function credentialReportOf(
  input: BaselineInput,
): { report: CredentialReport; record: ExportRecord } | Verdict {
  const c = lookup(input, 'iam get-credential-report');
  if (c.state !== 'present') return unknownFrom(c);
  const report = parseCredentialReport(c.data);
  if ('problem' in report) return unknown(report.problem, [cite(c.record, '$')]);
  return { report, record: c.record };
}
