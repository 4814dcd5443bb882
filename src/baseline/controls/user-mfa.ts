/** HYD-USER-MFA: every user with a console password, and every member of a role group, has MFA (CIS 1.2/1.10/1.10, IAM.5). */
import { boolCell, credentialReportOf, ROOT_USER } from '../credentials.js';
import { defineControl, fail, pass } from '../define.js';
import { cite } from '../input.js';
import { kindOf } from '../roles.js';

export default defineControl(
  {
    id: 'HYD-USER-MFA',
    title: 'Users with a password and role-group members have MFA',
    section: 'users',
    cis: { v120: '1.2', v140: '1.10', v300: '1.10' },
    securityHub: ['IAM.5'],
    exports: ['iam get-credential-report', 'iam get-account-authorization-details'],
  },
  (input) => {
    const got = credentialReportOf(input);
    if (!('report' in got)) return got;
    const { report, record } = got;
    const c = { record };
    const members = new Set(
      (input.iam?.users ?? [])
        .filter((u) => u.groups.some((g) => kindOf(g) !== undefined))
        .map((u) => u.name),
    );
    const bad = report.rows
      .map((r, i) => ({ r, i }))
      .filter(
        ({ r }) =>
          r.user !== ROOT_USER &&
          (boolCell(r.password_enabled) || members.has(r.user)) &&
          !boolCell(r.mfa_active),
      );
    if (bad.length > 0) {
      return fail(
        `users without MFA: ${bad.map((b) => b.r.user).join(', ')}`,
        bad.map((b) => cite(c.record, report.pathOf(b.i, 'mfa_active'), b.r.mfa_active)),
      );
    }
    const count = report.rows.filter((r) => r.user !== ROOT_USER).length;
    return pass(`${count} user(s) checked; every user with a password or in a role group has MFA`, [
      cite(c.record, '$'),
    ]);
  },
);
