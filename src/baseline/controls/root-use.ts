/** CIS-ROOT-USE: the root user is not used (no sign-in or key use in the last 90 days; CIS 1.1/1.7/1.7). */
import { credentialReportOf, dateCell, daysBetween, ROOT_USER } from '../credentials.js';
import { defineControl, fail, pass, unknown } from '../define.js';
import { cite } from '../input.js';

export const ROOT_USE_DAYS = 90;

export default defineControl(
  {
    id: 'CIS-ROOT-USE',
    title: 'The root user has not been used for 90 days',
    section: 'root',
    cis: { v120: '1.1', v140: '1.7', v300: '1.7' },
    securityHub: ['IAM.20', 'CloudWatch.1'],
    exports: ['iam get-credential-report'],
  },
  (input) => {
    const got = credentialReportOf(input);
    if (!('report' in got)) return got;
    const { report, record } = got;
    const c = { record };
    const i = report.rows.findIndex((r) => r.user === ROOT_USER);
    if (i < 0) return unknown('the credential report has no <root_account> row', [cite(c.record, '$')]);
    const row = report.rows[i];
    const now = report.generated ?? input.now;
    for (const col of ['password_last_used', 'access_key_1_last_used_date', 'access_key_2_last_used_date']) {
      const d = dateCell(row[col]);
      if (d && daysBetween(d, now) <= ROOT_USE_DAYS) {
        return fail(`the root user was used ${Math.floor(daysBetween(d, now))} days ago (${col})`, [
          cite(c.record, report.pathOf(i, col), row[col]),
        ]);
      }
    }
    return pass(`no root sign-in or key use in the last ${ROOT_USE_DAYS} days`, [
      cite(c.record, report.pathOf(i)),
    ]);
  },
);
