import { defineCheck } from '../../define.js';

export const missingVersion = defineCheck(
  {
    issueCode: 'MISSING_VERSION',
    findingType: 'WARNING',
    title: 'Missing version',
    description: 'The policy has no Version element, so policy variables and newer features do not work.',
    messages: {
      recommendSpecifyVersion:
        'We recommend that you specify the Version element to help you with debugging permission issues.',
    },
  },
  (ctx) => {
    if (ctx.doc && !ctx.doc.version) {
      ctx.report({ messageId: 'recommendSpecifyVersion' }, ctx.doc.loc);
    }
  },
);
