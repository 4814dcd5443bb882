/** HYD-ROOT-MFA: the root user has MFA (seed 001 "enable MFA on the root account"; CIS 1.13/1.5/1.5, IAM.9). */
import { boolCell, parseCredentialReport, ROOT_USER } from '../credentials.js';
import { defineControl, fail, pass, unknown, unknownFrom } from '../define.js';
import { type BaselineInput, cite, isObject, lookup } from '../input.js';
import type { Evidence, Verdict } from '../types.js';

/** Root MFA from the account summary, else the credential report's root row. */
export function rootMfa(input: BaselineInput): { on?: boolean; evidence: Evidence[]; why?: Verdict } {
  const s = lookup(input, 'iam get-account-summary');
  if (s.state === 'present' && isObject(s.data) && isObject(s.data.SummaryMap)) {
    const v = s.data.SummaryMap.AccountMFAEnabled;
    if (v === 0 || v === 1)
      return { on: v === 1, evidence: [cite(s.record, '$.SummaryMap.AccountMFAEnabled', v)] };
  }
  const c = lookup(input, 'iam get-credential-report');
  if (c.state === 'present') {
    const report = parseCredentialReport(c.data);
    if (!('problem' in report)) {
      const i = report.rows.findIndex((r) => r.user === ROOT_USER);
      if (i >= 0) {
        const v = report.rows[i].mfa_active;
        return { on: boolCell(v), evidence: [cite(c.record, report.pathOf(i, 'mfa_active'), v)] };
      }
    }
  }
  if (s.state !== 'present') return { evidence: [], why: unknownFrom(s) };
  return {
    evidence: [],
    why: unknown('the account summary has no SummaryMap.AccountMFAEnabled and no credential report root row'),
  };
}

export default defineControl(
  {
    id: 'HYD-ROOT-MFA',
    title: 'The root user has MFA enabled',
    section: 'root',
    cis: { v120: '1.13', v140: '1.5', v300: '1.5' },
    securityHub: ['IAM.9'],
    exports: ['iam get-account-summary', 'iam get-credential-report'],
  },
  (input) => {
    const r = rootMfa(input);
    if (r.on === undefined) return r.why!;
    return r.on
      ? pass('root MFA is enabled', r.evidence)
      : fail('the root user has no MFA device', r.evidence);
  },
);
