import { defineCheck } from '../../define.js';
import { SAR, specificResources } from './shared.js';

export const lpWildcardOnlyActionWithResource = defineCheck(
  {
    issueCode: 'LP_WILDCARD_ONLY_ACTION_WITH_RESOURCE',
    findingType: 'WARNING',
    title: 'Wildcard-only action with a specific resource',
    description:
      'The action supports no resource types, so it needs "Resource": "*"; with specific resources it is never granted.',
    learnMoreLink: SAR,
    messages: {
      actionDoesNot:
        'The action {{fullName}} does not support resource-level permissions: specify "Resource": "*" for it (in a separate statement if needed).',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (!specificResources(st)) continue;
      for (const a of ctx.actions(st)) {
        if (a.info?.isWildcardOnly) {
          ctx.report({ messageId: 'actionDoesNot', data: { fullName: a.info.fullName } }, a.loc);
        }
      }
    }
  },
);
