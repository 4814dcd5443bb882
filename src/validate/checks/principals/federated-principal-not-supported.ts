import { defineCheck } from '../../define.js';
import { principalEntries } from './shared.js';

export const federatedPrincipalNotSupported = defineCheck(
  {
    issueCode: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
    findingType: 'ERROR',
    title: 'Federated principal not supported',
    description: 'Only role trust policies can name federated identity providers.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      policyTypeDoes:
        'The policy type does not support a federated identity provider in the principal element. Use a supported principal.',
    },
  },
  (ctx) => {
    if (ctx.isTrustPolicy) return;
    for (const [, e] of principalEntries(ctx)) {
      if (e.type === 'Federated') {
        ctx.report({ messageId: 'policyTypeDoes' }, e.value.loc);
      }
    }
  },
);
