import { defineCheck } from '../../define.js';
import { entriesOf, SOURCE_KEYS } from './shared.js';

export const restrictAccessToServicePrincipal = defineCheck(
  {
    issueCode: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
    findingType: 'SECURITY_WARNING',
    title: 'Restrict access to service principal',
    description:
      'A resource policy grants a service principal access without aws:Source* conditions (confused deputy).',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      grantingAccessService:
        'Granting access to a service principal without specifying a source is overly permissive. Use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, or aws:SourceOrgPaths condition key to grant fine-grained access.',
    },
  },
  (ctx) => {
    if (ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      const services = entriesOf(st, 'Service');
      if (services.length === 0) continue;
      if (st.conditions.some((c) => SOURCE_KEYS.has(c.keyLower))) continue;
      ctx.report({ messageId: 'grantingAccessService' }, services[0].value.loc);
    }
  },
);
