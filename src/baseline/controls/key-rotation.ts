/** HYD-KEY-ROTATION: every active access key was rotated within 90 days (CIS 1.4/1.14/1.14, IAM.3). */
import { boolCell, credentialReportOf, dateCell, daysBetween } from '../credentials.js';
import { defineControl, fail, pass } from '../define.js';
import { cite } from '../input.js';
import type { Evidence } from '../types.js';

export const KEY_ROTATION_DAYS = 90;

export default defineControl(
  {
    id: 'HYD-KEY-ROTATION',
    title: 'Active access keys are rotated within 90 days',
    section: 'users',
    cis: { v120: '1.4', v140: '1.14', v300: '1.14' },
    securityHub: ['IAM.3'],
    exports: ['iam get-credential-report'],
  },
  (input) => {
    const got = credentialReportOf(input);
    if (!('report' in got)) return got;
    const { report, record } = got;
    const c = { record };
    const now = report.generated ?? input.now;
    const bad: string[] = [];
    const ev: Evidence[] = [];
    report.rows.forEach((r, i) => {
      for (const n of [1, 2]) {
        if (!boolCell(r[`access_key_${n}_active`])) continue;
        const col = `access_key_${n}_last_rotated`;
        const d = dateCell(r[col]);
        if (!d || daysBetween(d, now) > KEY_ROTATION_DAYS) {
          bad.push(`${r.user} key ${n}${d ? ` (${Math.floor(daysBetween(d, now))} days)` : ''}`);
          ev.push(cite(c.record, report.pathOf(i, col), r[col]));
        }
      }
    });
    return bad.length > 0
      ? fail(`access keys older than ${KEY_ROTATION_DAYS} days: ${bad.join(', ')}`, ev)
      : pass(`every active access key is younger than ${KEY_ROTATION_DAYS} days`, [cite(c.record, '$')]);
  },
);
