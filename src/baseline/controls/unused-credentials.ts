/**
 * CIS-UNUSED-CREDS: no enabled password or active key unused past the limit (last use, else the
 * password's last change or the key's last rotation). One result per benchmark version:
 * v1.2.0 90 days (1.3), v1.4.0 and v3.0.0 45 days (1.12). SH IAM.8, IAM.22.
 */
import {
  boolCell,
  type CredentialRow,
  credentialReportOf,
  dateCell,
  daysBetween,
  ROOT_USER,
} from '../credentials.js';
import { defineControl, fail, pass } from '../define.js';
import { cite } from '../input.js';
import type { Verdict } from '../types.js';

function stale(r: CredentialRow, now: Date, days: number): string[] {
  const out: string[] = [];
  const old = (d: Date | undefined) => d !== undefined && daysBetween(d, now) > days;
  if (boolCell(r.password_enabled)) {
    const last =
      dateCell(r.password_last_used) ?? dateCell(r.password_last_changed) ?? dateCell(r.user_creation_time);
    if (old(last)) out.push(`${r.user} password`);
  }
  for (const n of [1, 2]) {
    if (!boolCell(r[`access_key_${n}_active`])) continue;
    const last = dateCell(r[`access_key_${n}_last_used_date`]) ?? dateCell(r[`access_key_${n}_last_rotated`]);
    if (old(last)) out.push(`${r.user} key ${n}`);
  }
  return out;
}

export default defineControl(
  {
    id: 'CIS-UNUSED-CREDS',
    title: 'Credentials unused for 45 (v1.4.0+) or 90 (v1.2.0) days are disabled',
    section: 'users',
    cis: { v120: '1.3', v140: '1.12', v300: '1.12' },
    securityHub: ['IAM.8', 'IAM.22'],
    exports: ['iam get-credential-report'],
  },
  (input) => {
    const got = credentialReportOf(input);
    if (!('report' in got)) return got;
    const { report, record } = got;
    const c = { record };
    const now = report.generated ?? input.now;
    const out: Verdict[] = [];
    for (const [subject, days] of [
      ['CIS v1.2.0 (90 days)', 90],
      ['CIS v1.4.0/v3.0.0 (45 days)', 45],
    ] as const) {
      const bad = report.rows.filter((r) => r.user !== ROOT_USER).flatMap((r) => stale(r, now, days));
      out.push(
        bad.length > 0
          ? fail(`unused for more than ${days} days: ${bad.join(', ')}`, [cite(c.record, '$')], subject)
          : pass(`no credential unused for more than ${days} days`, [cite(c.record, '$')], subject),
      );
    }
    return out;
  },
);
