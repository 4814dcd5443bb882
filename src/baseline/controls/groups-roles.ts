/**
 * HYD-GROUPS-ROLES: the plan's three groups (names containing admin, operator, developer, any case;
 * seed littleAdmin, littleOperator, littleDeveloper) each let their members assume exactly one role
 * of the same kind. "Let assume" is evaluated: the group's policies and the role's trust policy,
 * sts:AssumeRole with MFA, as a member of the group.
 */
import { defineControl, fail, pass, unknown } from '../define.js';
import { assumableRoles, firstAllowedRegion, KINDS, kindOf } from '../roles.js';
import type { Verdict } from '../types.js';

export default defineControl(
  {
    id: 'HYD-GROUPS-ROLES',
    title: 'Administrator, operator and developer groups, each mapped to one role of its kind',
    section: 'roles',
    exports: ['iam get-account-authorization-details'],
  },
  (input) => {
    const model = input.iam;
    if (!model) return unknown('the export `aws iam get-account-authorization-details` is missing');
    const account = model.account ?? input.account ?? '123456789012';
    const region = firstAllowedRegion(model);
    const out: Verdict[] = [];
    for (const kind of KINDS) {
      const groups = model.groups.filter((g) => kindOf(g.name) === kind);
      if (groups.length === 0) {
        out.push(fail(`no ${kind} group (a group whose name contains "${kind}")`, [], kind));
        continue;
      }
      for (const g of groups) {
        const roles = assumableRoles(input.oracle, model, g, account, region).filter(
          (r) => kindOf(r.name) === kind,
        );
        const ev = [g.evidence, ...roles.map((r) => r.evidence)];
        if (roles.length === 1)
          out.push(pass(`group ${g.name} can assume role ${roles[0].name} (evaluated)`, ev, g.name));
        else if (roles.length === 0) out.push(fail(`group ${g.name} can assume no ${kind} role`, ev, g.name));
        else
          out.push(
            fail(
              `group ${g.name} can assume ${roles.length} ${kind} roles: ${roles.map((r) => r.name).join(', ')}`,
              ev,
              g.name,
            ),
          );
      }
    }
    return out;
  },
);
