import { defineCheck } from '../../define.js';
import { entriesOf, GITHUB, oidcHost, providerKind } from './shared.js';

export const missingConditionKeyForOidcPrincipal = defineCheck(
  {
    issueCode: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
    findingType: 'SECURITY_WARNING',
    title: 'Missing condition key for oidc principal',
    description: 'An OIDC principal without a condition on that provider’s keys.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      usingOpenId:
        'Using an Open ID Connect principal without a condition can be overly permissive. Add condition keys with a prefix that matches your federated OIDC principals to ensure that only the intended identity provider assumes the role.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      for (const e of entriesOf(st, 'Federated')) {
        if (providerKind(e.value.value) !== 'oidc') continue;
        const host = oidcHost(e.value.value);
        if (!host || host.startsWith(GITHUB)) continue;
        const prefix = `${host.toLowerCase()}:`;
        if (st.conditions.some((c) => c.keyLower.startsWith(prefix))) continue;
        ctx.report({ messageId: 'usingOpenId' }, e.value.loc);
      }
    }
  },
);
