/**
 * HYD-BOOTSTRAP-REMOVED: the seed's bootstrap user (Allow `*` on `*`, with MFA) is deleted after
 * setup. FAIL if a user named bootstrap (any case) exists, or any user gets `*` on `*` from its own
 * or its groups' policies, conditions ignored (AdministratorAccess counts).
 */
import type { PolicyDocument } from '../../policy/model.js';
import { defineControl, fail, pass, unknown } from '../define.js';
import { userPolicies } from '../iam.js';
import type { Evidence } from '../types.js';

/** Allows every action on every resource, conditions ignored. */
export function grantsStarOnStar(doc: PolicyDocument): boolean {
  return doc.statements.some(
    (st) =>
      st.effect.value === 'Allow' &&
      (st.action ?? []).some((a) => a.value === '*' || a.value === '*:*') &&
      (st.resource ?? []).some((r) => r.value === '*'),
  );
}

export default defineControl(
  {
    id: 'HYD-BOOTSTRAP-REMOVED',
    title: 'The bootstrap user is removed and no user holds * on *',
    section: 'users',
    exports: ['iam get-account-authorization-details'],
  },
  (input) => {
    const model = input.iam;
    if (!model) return unknown('the export `aws iam get-account-authorization-details` is missing');
    const problems: string[] = [];
    const ev: Evidence[] = [];
    for (const u of model.users) {
      if (u.name.toLowerCase().includes('bootstrap')) {
        problems.push(`user ${u.name} still exists`);
        ev.push(u.evidence);
      }
      for (const p of userPolicies(model, u)) {
        if (p.document && grantsStarOnStar(p.document)) {
          problems.push(`user ${u.name} gets * on * from ${p.name}`);
          ev.push(p.evidence);
        }
      }
    }
    return problems.length > 0
      ? fail(problems.join('; '), ev)
      : pass('no bootstrap user and no user with * on *');
  },
);
