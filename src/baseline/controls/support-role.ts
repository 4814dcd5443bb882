/** CIS-SUPPORT-ROLE: AWSSupportAccess is attached to a user, group or role (CIS 1.20/1.17/1.17, IAM.18). */
import { defineControl, fail, pass, unknown } from '../define.js';

const ARN = /^arn:[^:]+:iam::aws:policy\/AWSSupportAccess$/;

export default defineControl(
  {
    id: 'CIS-SUPPORT-ROLE',
    title: 'A support role (AWSSupportAccess) exists',
    section: 'users',
    cis: { v120: '1.20', v140: '1.17', v300: '1.17' },
    securityHub: ['IAM.18'],
    exports: ['iam get-account-authorization-details'],
  },
  (input) => {
    const model = input.iam;
    if (!model) return unknown('the export `aws iam get-account-authorization-details` is missing');
    for (const p of [...model.users, ...model.groups, ...model.roles]) {
      const a = p.attached.find((x) => x.arn && ARN.test(x.arn));
      if (a) return pass(`AWSSupportAccess is attached to ${p.name}`, [a.evidence]);
    }
    return fail('AWSSupportAccess is attached to no user, group or role');
  },
);
