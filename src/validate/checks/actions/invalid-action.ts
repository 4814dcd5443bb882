import { listActions } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';
import { allActionEntries, closest } from './shared.js';

export const invalidAction = defineCheck(
  {
    issueCode: 'INVALID_ACTION',
    findingType: 'ERROR',
    title: 'Invalid action',
    description: 'The action does not exist in its service (or a pattern matches no action).',
    messages: {
      noServicePrefix: 'The action {{text}} does not exist. Use the format service:ActionName.',
      patternMatchesNoAction: 'The action {{text}} does not exist.',
      unknownAction: 'The action {{text}} does not exist.{{suggestion}}',
    },
  },
  (ctx) => {
    for (const a of allActionEntries(ctx)) {
      if (a.all) continue;
      if (a.service === undefined) {
        ctx.report({ messageId: 'noServicePrefix', data: { text: a.text } }, a.loc);
        continue;
      }
      if (!a.knownService) continue;
      if (a.info) continue;
      if (a.nameWildcard) {
        if (ctx.expand(a).length > 0) continue;
        ctx.report({ messageId: 'patternMatchesNoAction', data: { text: a.text } }, a.loc);
        continue;
      }
      const guess = closest(
        a.name ?? '',
        listActions(a.service).map((x) => x.name),
      );
      ctx.report(
        {
          messageId: 'unknownAction',
          data: {
            text: a.text,
            suggestion: guess ? ` Did you mean ${a.service.toLowerCase()}:${guess}?` : '',
          },
        },
        a.loc,
      );
    }
  },
);
