import { rcpSupportedServices } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';

export const rcpSyntaxErrorAction = defineCheck(
  {
    issueCode: 'RCP_SYNTAX_ERROR_ACTION',
    findingType: 'ERROR',
    title: 'RCP syntax error action',
    description: 'RCP actions must belong to a service that supports RCPs.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
    messages: {
      rcpsOnlySupport:
        'RCPs only support specifying select service prefixes in the Action element. Learn more here.',
    },
  },
  (ctx) => {
    const supported = rcpSupportedServices();
    for (const st of ctx.statements) {
      for (const a of ctx.actions(st)) {
        if (a.all) continue;
        if (a.service === undefined || a.serviceWildcard || !supported.has(a.service.toLowerCase())) {
          ctx.report({ messageId: 'rcpsOnlySupport' }, a.loc);
        }
      }
    }
  },
);
