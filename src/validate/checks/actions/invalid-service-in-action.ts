import { listServices } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { allActionEntries, closest } from './shared.js';

export const invalidServiceInAction = defineCheck(
  {
    issueCode: 'INVALID_SERVICE_IN_ACTION',
    findingType: 'ERROR',
    title: 'Invalid service in action',
    description: 'The service prefix of an action does not exist.',
  },
  (ctx) => {
    for (const a of allActionEntries(ctx)) {
      if (a.all || a.service === undefined || a.serviceWildcard || a.knownService) continue;
      const guess = closest(a.service, listServices());
      ctx.report(
        `The service ${a.service} specified in the action does not exist.${guess ? ` Did you mean ${guess}?` : ''}`,
        a.loc,
      );
    }
  },
);
