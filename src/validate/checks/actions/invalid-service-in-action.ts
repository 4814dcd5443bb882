import { listServices } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { allActionEntries, closest } from './shared.js';

export const invalidServiceInAction = defineCheck(
  {
    issueCode: 'INVALID_SERVICE_IN_ACTION',
    findingType: 'ERROR',
    title: 'Invalid service in action',
    description: 'The service prefix of an action does not exist.',
    messages: {
      serviceSpecifiedAction: 'The service {{service}} specified in the action does not exist.{{value}}',
    },
  },
  (ctx) => {
    for (const a of allActionEntries(ctx)) {
      if (a.all || a.service === undefined || a.serviceWildcard || a.knownService) continue;
      const guess = closest(a.service, listServices());
      ctx.report(
        {
          messageId: 'serviceSpecifiedAction',
          data: { service: a.service, value: guess ? ` Did you mean ${guess}?` : '' },
        },
        a.loc,
      );
    }
  },
);
