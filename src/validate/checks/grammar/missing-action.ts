import { defineCheck } from '../../define.js';
import { fromIssues } from './shared.js';

export const missingAction = defineCheck(
  {
    issueCode: 'MISSING_ACTION',
    findingType: 'ERROR',
    title: 'Missing action',
    description: 'A statement has neither Action nor NotAction.',
  },
  (ctx) =>
    fromIssues(ctx, ['MISSING_ACTION'], () => 'Add an Action or NotAction element to the policy statement.'),
);
