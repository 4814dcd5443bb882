import { defineCheck } from '../../define.js';
import { fromIssues } from './shared.js';

export const invalidEffect = defineCheck(
  {
    issueCode: 'INVALID_EFFECT',
    findingType: 'ERROR',
    title: 'Invalid effect',
    description: 'The Effect is neither Allow nor Deny.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_EFFECT'], (i) => {
      const m = /"([^"]*)"/.exec(i.message);
      return `The effect ${m ? m[1] : ''} is not valid. Use Allow or Deny.`;
    }),
);
