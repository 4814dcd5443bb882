import { defineCheck } from '../../define.js';
import { duplicateSids, sidsRequired } from './shared.js';

export const uniqueSidsRecommended = defineCheck(
  {
    issueCode: 'UNIQUE_SIDS_RECOMMENDED',
    findingType: 'WARNING',
    title: 'Unique Sids recommended',
    description: 'Statement IDs should be unique within a resource-based policy.',
    messages: {
      recommendStatementIds:
        'We recommend that you use statement IDs that are unique to your policy. Update the Sid value.',
    },
  },
  (ctx) => {
    if (sidsRequired(ctx)) return;
    for (const st of duplicateSids(ctx)) {
      ctx.report({ messageId: 'recommendStatementIds' }, st.sid!.loc);
    }
  },
);
