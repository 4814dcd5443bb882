/**
 * HYD-PASSWORD-POLICY and the CIS password-policy controls, all from
 * `aws iam get-account-password-policy` (NoSuchEntity = no policy = FAIL).
 * Fields: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PasswordPolicy.html
 */
import type { Control } from '../define.js';
import { defineControl, fail, pass, unknownFrom } from '../define.js';
import { type BaselineInput, cite, type ExportRecord, isObject, lookup } from '../input.js';
import type { CisIds, Evidence, Verdict } from '../types.js';

const EXPORT = 'iam get-account-password-policy';

type Policy = Record<string, unknown>;

function withPolicy(input: BaselineInput, check: (p: Policy, record: ExportRecord) => Verdict): Verdict {
  const l = lookup(input, EXPORT);
  if (l.state === 'notFound')
    return fail('the account has no password policy', [
      { export: EXPORT, file: l.record.file, path: '$.Error.Code', value: l.code },
    ]);
  if (l.state !== 'present') return unknownFrom(l);
  const p = isObject(l.data) && isObject(l.data.PasswordPolicy) ? l.data.PasswordPolicy : undefined;
  if (!p) return fail('the export has no PasswordPolicy', [cite(l.record, '$')]);
  return check(p, l.record);
}

interface Rule {
  field: string;
  ok: (v: unknown) => boolean;
  want: string;
}

const bool = (field: string): Rule => ({ field, ok: (v) => v === true, want: 'true' });
const atLeast = (field: string, n: number): Rule => ({
  field,
  ok: (v) => typeof v === 'number' && v >= n,
  want: `>= ${n}`,
});
const atMost = (field: string, n: number): Rule => ({
  field,
  ok: (v) => typeof v === 'number' && v <= n,
  want: `<= ${n}`,
});

function checkRules(rules: Rule[]) {
  return (p: Policy, record: ExportRecord): Verdict => {
    const bad = rules.filter((r) => !r.ok(p[r.field]));
    const ev: Evidence[] = (bad.length ? bad : rules).map((r) =>
      cite(record, `$.PasswordPolicy.${r.field}`, p[r.field] ?? null),
    );
    return bad.length
      ? fail(
          bad.map((r) => `${r.field} is ${JSON.stringify(p[r.field] ?? null)}, wanted ${r.want}`).join('; '),
          ev,
        )
      : pass(rules.map((r) => `${r.field} ${r.want}`).join(', '), ev);
  };
}

/** The seed's accountBootstrap values, as minimums. */
export const HYDRATE_PASSWORD_RULES: Rule[] = [
  atLeast('MinimumPasswordLength', 12),
  bool('RequireSymbols'),
  bool('RequireNumbers'),
  bool('RequireUppercaseCharacters'),
  bool('RequireLowercaseCharacters'),
  bool('ExpirePasswords'),
  atMost('MaxPasswordAge', 90),
  atLeast('PasswordReusePrevention', 3),
];

export const hydrate = defineControl(
  {
    id: 'HYD-PASSWORD-POLICY',
    title: 'A password policy at least as strict as the hydrate plan',
    section: 'users',
    exports: [EXPORT],
  },
  (input) => withPolicy(input, checkRules(HYDRATE_PASSWORD_RULES)),
);

const cis = (id: string, title: string, ids: CisIds, sh: string, rule: Rule): Control =>
  defineControl({ id, title, section: 'users', cis: ids, securityHub: [sh], exports: [EXPORT] }, (input) =>
    withPolicy(input, checkRules([rule])),
  );

export const cisControls: Control[] = [
  cis(
    'CIS-PW-UPPER',
    'The password policy requires an uppercase letter',
    { v120: '1.5' },
    'IAM.11',
    bool('RequireUppercaseCharacters'),
  ),
  cis(
    'CIS-PW-LOWER',
    'The password policy requires a lowercase letter',
    { v120: '1.6' },
    'IAM.12',
    bool('RequireLowercaseCharacters'),
  ),
  cis(
    'CIS-PW-SYMBOL',
    'The password policy requires a symbol',
    { v120: '1.7' },
    'IAM.13',
    bool('RequireSymbols'),
  ),
  cis(
    'CIS-PW-NUMBER',
    'The password policy requires a number',
    { v120: '1.8' },
    'IAM.14',
    bool('RequireNumbers'),
  ),
  cis(
    'CIS-PW-LENGTH',
    'The password policy requires at least 14 characters',
    { v120: '1.9', v140: '1.8', v300: '1.8' },
    'IAM.15',
    atLeast('MinimumPasswordLength', 14),
  ),
  cis(
    'CIS-PW-REUSE',
    'The password policy prevents reuse of the last 24 passwords',
    { v120: '1.10', v140: '1.9', v300: '1.9' },
    'IAM.16',
    atLeast('PasswordReusePrevention', 24),
  ),
  cis(
    'CIS-PW-EXPIRY',
    'Passwords expire within 90 days',
    { v120: '1.11' },
    'IAM.17',
    atMost('MaxPasswordAge', 90),
  ),
];
