import { defineCheck } from '../../define.js';
import { principalEntries, SERVICE_PRINCIPAL } from './shared.js';

export const invalidServicePrincipalFormat = defineCheck(
  {
    issueCode: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    findingType: 'ERROR',
    title: 'Invalid service principal format',
    description: 'A service principal is not of the form service-name.amazonaws.com (lowercase).',
    messages: {
      servicePrincipalDoes:
        'The service principal does not match the expected format. Use the format service-name.amazonaws.com.',
    },
  },
  (ctx) => {
    for (const [, e] of principalEntries(ctx)) {
      const v = e.value.value;
      if (e.type !== 'Service' || v.includes('*') || v.includes('?') || v.includes('${')) continue;
      if (!SERVICE_PRINCIPAL.test(v)) {
        ctx.report({ messageId: 'servicePrincipalDoes' }, e.value.loc);
      }
    }
  },
);
