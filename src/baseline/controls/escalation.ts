/**
 * HYD-ESCALATION: only the administrator role and those who can assume it reach an
 * administrator-equivalent principal (escalation-spec.md graph, from the account engine's analysis).
 */
import { defineControl, fail, pass, unknown } from '../define.js';
import { kindOf } from '../roles.js';

export default defineControl(
  {
    id: 'HYD-ESCALATION',
    title: 'Only administrators can escalate to administrator-equivalent permissions',
    section: 'roles',
    exports: ['iam get-account-authorization-details'],
  },
  (input) => {
    const e = input.escalation;
    if (!e || e.unknown !== undefined || !e.escalating) {
      return unknown(e?.unknown ?? 'the account escalation analysis is not available to the baseline audit');
    }
    const model = input.iam;
    const admins = new Set((model?.roles ?? []).filter((r) => kindOf(r.name) === 'admin').map((r) => r.arn));
    const adminGroups = new Set(
      (model?.groups ?? []).filter((g) => kindOf(g.name) === 'admin').map((g) => g.name),
    );
    const adminUsers = new Set(
      (model?.users ?? []).filter((u) => u.groups.some((g) => adminGroups.has(g))).map((u) => u.arn),
    );
    const others = e.escalating.filter((x) => !admins.has(x.principal) && !adminUsers.has(x.principal));
    if (others.length > 0) {
      return fail(
        `${others.length} principal(s) outside the administrators can escalate: ${others
          .slice(0, 5)
          .map((x) => `${x.principal}${x.via ? ` (via ${x.via})` : ''}`)
          .join(', ')}`,
      );
    }
    const open = (e.undecided ?? []).filter((x) => !admins.has(x.principal) && !adminUsers.has(x.principal));
    if (open.length > 0) {
      return unknown(
        `${open.length} principal(s) have paths the escalation analysis could not decide, e.g. ${open[0].principal}: ${open[0].missing}`,
      );
    }
    return pass(
      `only administrators reach administrator-equivalent permissions (${e.escalating.length} principal(s): the admin role and its assumers)`,
    );
  },
);
