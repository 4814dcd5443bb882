import { defineCheck } from '../../define.js';
import { fromIssues } from './shared.js';

export const invalidVersion = defineCheck(
  {
    issueCode: 'INVALID_VERSION',
    findingType: 'ERROR',
    title: 'Invalid version',
    description: 'The Version is not a policy language version.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_VERSION'], (i) => {
      const m = /"([^"]*)"/.exec(i.message);
      return `The version ${m ? m[1] : ''} is not valid. Use one of the following versions: 2012-10-17, 2008-10-17`;
    }),
);
