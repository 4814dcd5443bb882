/** CIS-NO-ADMIN-POLICY: no attached customer managed policy allows `*` on `*` (CIS 1.22/1.16/1.16, IAM.1). */
import { defineControl, fail, pass, unknown } from '../define.js';
import { grantsStarOnStar } from './bootstrap-removed.js';

export default defineControl(
  {
    id: 'CIS-NO-ADMIN-POLICY',
    title: 'No attached customer managed policy grants full administrative privileges',
    section: 'users',
    cis: { v120: '1.22', v140: '1.16', v300: '1.16' },
    securityHub: ['IAM.1'],
    exports: ['iam get-account-authorization-details'],
  },
  (input) => {
    const model = input.iam;
    if (!model) return unknown('the export `aws iam get-account-authorization-details` is missing');
    const bad = model.managed.filter(
      (m) => !m.awsManaged && (m.attachmentCount ?? 1) > 0 && m.document && grantsStarOnStar(m.document),
    );
    return bad.length > 0
      ? fail(
          `customer managed policies with * on *: ${bad.map((m) => m.name).join(', ')}`,
          bad.map((m) => m.evidence),
        )
      : pass(
          `${model.managed.filter((m) => !m.awsManaged).length} customer managed policies, none attached with * on *`,
        );
  },
);
