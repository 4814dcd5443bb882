import { listActions } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { allActionEntries, closest } from './shared.js';

export const invalidAction = defineCheck(
  {
    issueCode: 'INVALID_ACTION',
    findingType: 'ERROR',
    title: 'Invalid action',
    description: 'The action does not exist in its service (or a pattern matches no action).',
  },
  (ctx) => {
    for (const a of allActionEntries(ctx)) {
      if (a.all) continue;
      if (a.service === undefined) {
        ctx.report(`The action ${a.text} does not exist. Use the format service:ActionName.`, a.loc);
        continue;
      }
      if (!a.knownService) continue;
      if (a.info) continue;
      if (a.nameWildcard) {
        if (ctx.expand(a).length > 0) continue;
        ctx.report(`The action ${a.text} does not exist.`, a.loc);
        continue;
      }
      const guess = closest(
        a.name ?? '',
        listActions(a.service).map((x) => x.name),
      );
      ctx.report(
        `The action ${a.text} does not exist.${guess ? ` Did you mean ${a.service.toLowerCase()}:${guess}?` : ''}`,
        a.loc,
      );
    }
  },
);
