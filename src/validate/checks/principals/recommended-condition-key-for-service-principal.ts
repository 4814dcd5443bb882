import { defineCheck } from '../../define.js';
import { entriesOf } from './shared.js';

export const recommendedConditionKeyForServicePrincipal = defineCheck(
  {
    issueCode: 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    findingType: 'SUGGESTION',
    title: 'Recommended condition key for service principal',
    description:
      'For service principals, aws:Source* keys are the recommended restriction (not aws:Referer).',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      restrictAccessService:
        'To restrict access to the service principal {{prefix}} operating on your behalf, we recommend aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths instead of {{value}}.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const services = entriesOf(st, 'Service');
      if (services.length === 0) continue;
      for (const c of st.conditions) {
        if (c.keyLower !== 'aws:referer') continue;
        const prefix = services[0].value.value.split('.')[0];
        ctx.report({ messageId: 'restrictAccessService', data: { prefix, value: c.key.value } }, c.key.loc);
      }
    }
  },
);
