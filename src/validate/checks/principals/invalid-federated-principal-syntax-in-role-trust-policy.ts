import { defineCheck } from '../../define.js';
import { principalEntries, providerKind } from './shared.js';

export const invalidFederatedPrincipalSyntaxInRoleTrustPolicy = defineCheck(
  {
    issueCode: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
    findingType: 'ERROR',
    title: 'Invalid federated principal syntax in role trust policy',
    description: 'A federated principal is neither a domain name nor a SAML/OIDC provider ARN.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      principalValueSpecifies:
        'The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'Federated' && !providerKind(e.value.value) && !e.value.value.includes('${')) {
        ctx.report({ messageId: 'principalValueSpecifies' }, e.value.loc);
      }
    }
  },
);
