import { defineCheck } from '../../define.js';
import { fromIssues } from './shared.js';

export const missingStatement = defineCheck(
  {
    issueCode: 'MISSING_STATEMENT',
    findingType: 'ERROR',
    title: 'Missing statement',
    description: 'The policy has no Statement element.',
  },
  (ctx) => fromIssues(ctx, ['MISSING_STATEMENT'], () => 'Add a statement to the policy'),
);
