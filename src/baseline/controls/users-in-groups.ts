/** HYD-USERS-IN-GROUPS: each user is in a role group and has no policies of its own (CIS 1.16/1.15/1.15, IAM.2). */
import { defineControl, fail, pass, unknown } from '../define.js';
import { kindOf } from '../roles.js';
import type { Evidence } from '../types.js';

export default defineControl(
  {
    id: 'HYD-USERS-IN-GROUPS',
    title: 'Every user is in a role group and gets permissions only through groups',
    section: 'users',
    cis: { v120: '1.16', v140: '1.15', v300: '1.15' },
    securityHub: ['IAM.2'],
    exports: ['iam get-account-authorization-details'],
  },
  (input) => {
    const model = input.iam;
    if (!model) return unknown('the export `aws iam get-account-authorization-details` is missing');
    const problems: string[] = [];
    const ev: Evidence[] = [];
    for (const u of model.users) {
      const own = [...u.inline, ...u.attached];
      if (!u.groups.some((g) => kindOf(g) !== undefined))
        problems.push(`${u.name} is in no administrator, operator or developer group`);
      if (own.length > 0)
        problems.push(`${u.name} has its own policies: ${own.map((p) => p.name).join(', ')}`);
      if (!u.groups.some((g) => kindOf(g) !== undefined) || own.length > 0) ev.push(u.evidence);
    }
    if (problems.length > 0) return fail(problems.join('; '), ev);
    return pass(
      `${model.users.length} user(s), each only in role groups`,
      model.users.map((u) => u.evidence),
    );
  },
);
