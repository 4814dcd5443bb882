/**
 * HYD-ROLE-MFA (per role of the plan): a member can assume the role only with MFA. Either every
 * trust statement allowing sts:AssumeRole requires `Bool aws:MultiFactorAuthPresent "true"`, or the
 * trust policy trusts only this account and every identity policy statement of the account that
 * allows sts:AssumeRole on the role (decided by the evaluator on the statement without its
 * conditions, so wildcards count) requires it. BoolIfExists does not count: it matches when the key
 * is absent, as it is for long-term access keys.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html
 */
import { compileActionList } from '../../policy/action.js';
import type { Statement } from '../../policy/model.js';
import { defineControl, fail, pass, unknown } from '../define.js';
import type { IamModel, IamRole } from '../iam.js';
import type { Oracle } from '../oracle.js';
import { auditContext, firstAllowedRegion, kindOf, requiresMfa, statementScope } from '../roles.js';
import type { Evidence, Verdict } from '../types.js';

function coversAssumeRole(st: Statement): boolean {
  if (st.action) return compileActionList(st.action.map((a) => a.value))('sts:assumerole');
  if (st.notAction) return !compileActionList(st.notAction.map((a) => a.value))('sts:assumerole');
  return false;
}

/** 'account' when every principal named is this account (id, root or an IAM ARN in it); else what else it names. */
function trustedParties(st: Statement, account: string): string[] {
  if (st.notPrincipal) return ['NotPrincipal'];
  if (!st.principal) return ['no Principal'];
  if (st.principal.wildcard) return ['*'];
  const others: string[] = [];
  for (const e of st.principal.entries) {
    const v = e.value.value;
    if (e.type === 'AWS') {
      const owner = /^\d{12}$/.test(v) ? v : /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(v)?.[1];
      if (owner === account) continue;
    }
    others.push(`${e.type}: ${v}`);
  }
  return others;
}

export function decideRoleMfa(oracle: Oracle, model: IamModel, role: IamRole, account: string): Verdict {
  if (!role.trust)
    return unknown(`the trust policy of ${role.name} could not be read`, [role.trustEvidence], role.name);
  const region = firstAllowedRegion(model);
  const trustStatements = role.trust.statements.filter(
    (s) => s.effect.value === 'Allow' && coversAssumeRole(s),
  );
  if (trustStatements.length === 0)
    return pass(
      `nobody can assume ${role.name} (no trust statement allows sts:AssumeRole)`,
      [role.trustEvidence],
      role.name,
    );
  const open = trustStatements.filter((s) => !requiresMfa(s));
  if (open.length === 0) {
    return pass(
      `a group member can assume ${role.name} only with MFA: proved (every trust statement requires aws:MultiFactorAuthPresent true)`,
      [role.trustEvidence],
      role.name,
    );
  }
  for (const st of open) {
    const others = trustedParties(st, account);
    if (others.length > 0) {
      return fail(
        `${role.name} trusts ${others.join(', ')} without requiring MFA (trust statement ${st.sid?.value ?? st.index})`,
        [role.trustEvidence],
        role.name,
      );
    }
  }
  // Trusts this account only: the account's identity policies decide; each statement that can allow
  // sts:AssumeRole on the role (evaluated with the trust policy, which AssumeRole always needs)
  // must require MFA.
  const holders = [...model.users, ...model.groups, ...model.roles];
  const offenders: Evidence[] = [];
  const names: string[] = [];
  const unreadable: string[] = [];
  for (const h of holders) {
    for (const p of [...h.inline, ...h.attached]) {
      if (!p.document) {
        unreadable.push(`${p.arn ?? p.name} (attached to ${h.name})`);
        continue;
      }
      for (const st of p.document.statements) {
        if (st.effect.value !== 'Allow' || requiresMfa(st)) continue;
        const scope = statementScope(st, p.document);
        if (!scope) continue;
        const r = oracle.decide({
          principal: `arn:aws:iam::${account}:user/baseline-audit-member`,
          action: 'sts:AssumeRole',
          resource: role.arn,
          context: auditContext(region, false),
          principalAccount: account,
          resourceAccount: account,
          identity: [{ name: p.name, document: scope }],
          resourcePolicy: { name: 'trust policy', document: role.trust },
        });
        if (r.decision === 'Allowed') {
          offenders.push(p.evidence);
          names.push(`${h.name}/${p.name} statement ${st.sid?.value ?? st.index}`);
        }
      }
    }
  }
  if (offenders.length > 0) {
    return fail(
      `${role.name} trusts the account, and ${names.join('; ')} allow sts:AssumeRole on it without requiring MFA`,
      [role.trustEvidence, ...offenders],
      role.name,
    );
  }
  if (unreadable.length > 0) {
    return unknown(
      `${role.name} trusts the account, and these policies could not be read (they might allow sts:AssumeRole without MFA): ${unreadable.join(', ')}`,
      [role.trustEvidence],
      role.name,
    );
  }
  return pass(
    `a group member can assume ${role.name} only with MFA: proved (it trusts only the account, and every identity statement allowing sts:AssumeRole on it requires aws:MultiFactorAuthPresent true)`,
    [role.trustEvidence],
    role.name,
  );
}

export default defineControl(
  {
    id: 'HYD-ROLE-MFA',
    title: "The plan's roles can be assumed only with MFA",
    section: 'roles',
    exports: ['iam get-account-authorization-details'],
  },
  (input) => {
    const model = input.iam;
    if (!model) return unknown('the export `aws iam get-account-authorization-details` is missing');
    const account = model.account ?? input.account ?? '123456789012';
    const roles = model.roles.filter((r) => kindOf(r.name) !== undefined);
    if (roles.length === 0) return fail('the account has no administrator, operator or developer role');
    return roles.map((r) => decideRoleMfa(input.oracle, model, r, account));
  },
);
