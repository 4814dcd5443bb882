import { defineCheck } from '../../define.js';
import { duplicateSids, sidsRequired } from './shared.js';

export const uniqueSidsRequired = defineCheck(
  {
    issueCode: 'UNIQUE_SIDS_REQUIRED',
    findingType: 'ERROR',
    title: 'Unique Sids required',
    description: 'IAM policies, SCPs, RCPs and trust policies need unique statement IDs.',
    messages: {
      duplicateStatementIds:
        'Duplicate statement IDs are not supported for this policy type. Update the Sid value.',
    },
  },
  (ctx) => {
    if (!sidsRequired(ctx)) return;
    for (const st of duplicateSids(ctx)) {
      ctx.report({ messageId: 'duplicateStatementIds' }, st.sid!.loc);
    }
  },
);
