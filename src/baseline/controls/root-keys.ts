/** CIS-ROOT-KEYS: the root user has no access keys (CIS 1.12/1.4/1.4, IAM.4). */
import { boolCell, parseCredentialReport, ROOT_USER } from '../credentials.js';
import { defineControl, fail, pass, unknown, unknownFrom } from '../define.js';
import { cite, isObject, lookup } from '../input.js';

export default defineControl(
  {
    id: 'CIS-ROOT-KEYS',
    title: 'The root user has no access keys',
    section: 'root',
    cis: { v120: '1.12', v140: '1.4', v300: '1.4' },
    securityHub: ['IAM.4'],
    exports: ['iam get-account-summary', 'iam get-credential-report'],
  },
  (input) => {
    const s = lookup(input, 'iam get-account-summary');
    if (s.state === 'present' && isObject(s.data) && isObject(s.data.SummaryMap)) {
      const v = s.data.SummaryMap.AccountAccessKeysPresent;
      if (typeof v === 'number') {
        const ev = [cite(s.record, '$.SummaryMap.AccountAccessKeysPresent', v)];
        return v === 0
          ? pass('the root user has no access keys', ev)
          : fail('the root user has access keys', ev);
      }
    }
    const c = lookup(input, 'iam get-credential-report');
    if (c.state === 'present') {
      const report = parseCredentialReport(c.data);
      if (!('problem' in report)) {
        const i = report.rows.findIndex((r) => r.user === ROOT_USER);
        if (i >= 0) {
          const row = report.rows[i];
          const ev = [
            cite(c.record, report.pathOf(i, 'access_key_1_active'), row.access_key_1_active),
            cite(c.record, report.pathOf(i, 'access_key_2_active'), row.access_key_2_active),
          ];
          return boolCell(row.access_key_1_active) || boolCell(row.access_key_2_active)
            ? fail('the root user has an active access key', ev)
            : pass('the root user has no active access key', ev);
        }
      }
    }
    return s.state !== 'present'
      ? unknownFrom(s)
      : unknown('neither the account summary nor the credential report says');
  },
);
