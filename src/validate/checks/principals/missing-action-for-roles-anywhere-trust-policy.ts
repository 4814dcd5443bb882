import { defineCheck } from '../../define.js';
import { allowsAction, entriesOf } from './shared.js';

export const missingActionForRolesAnywhereTrustPolicy = defineCheck(
  {
    issueCode: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
    findingType: 'ERROR',
    title: 'Missing action for roles anywhere trust policy',
    description: 'IAM Roles Anywhere needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      rolesanywhereAmazonawsCom:
        'The rolesanywhere.amazonaws.com service principal requires the sts:AssumeRole, sts:SetSourceIdentity, and sts:TagSession permissions to assume a role. Add the missing permissions to the policy.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      const ra = entriesOf(st, 'Service').find((e) => e.value.value === 'rolesanywhere.amazonaws.com');
      if (!ra) continue;
      const needed = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'];
      if (needed.every((a) => allowsAction(ctx, st, a))) continue;
      ctx.report({ messageId: 'rolesanywhereAmazonawsCom' }, ra.value.loc);
    }
  },
);
