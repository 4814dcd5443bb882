import { defineCheck } from '../../define.js';

export const missingResource = defineCheck(
  {
    issueCode: 'MISSING_RESOURCE',
    findingType: 'ERROR',
    title: 'Missing resource',
    description: 'A statement has neither Resource nor NotResource (required except in role trust policies).',
    messages: { addResourceNotresource: 'Add a Resource or NotResource element to the policy statement.' },
  },
  (ctx) => {
    if (ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (!st.resource && !st.notResource) {
        ctx.report({ messageId: 'addResourceNotresource' }, st.loc);
      }
    }
  },
);
