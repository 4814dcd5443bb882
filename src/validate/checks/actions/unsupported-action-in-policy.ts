import { resourceTypeRecord } from '../../../catalog/resource-types.js';
import { defineCheck } from '../../define.js';

export const unsupportedActionInPolicy = defineCheck(
  {
    issueCode: 'UNSUPPORTED_ACTION_IN_POLICY',
    findingType: 'ERROR',
    title: 'Unsupported action in policy',
    description: "A resource-based policy contains an action of another service than its resource's.",
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      actionNotSupported:
        'The action {{text}} is not supported for the resource-based policy attached to the resource type {{resourceType}}.',
    },
  },
  (ctx) => {
    const allowed = resourceTypeRecord(ctx.resourceType);
    if (!allowed) return;
    for (const st of ctx.statements) {
      for (const a of [...ctx.actions(st), ...ctx.notActions(st)]) {
        if (a.all || a.serviceWildcard || a.service === undefined || !a.knownService) continue;
        if (!allowed.services.includes(a.service.toLowerCase())) {
          ctx.report(
            { messageId: 'actionNotSupported', data: { text: a.text, resourceType: ctx.resourceType } },
            a.loc,
          );
        }
      }
    }
  },
);
