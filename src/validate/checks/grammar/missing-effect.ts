import { defineCheck } from '../../define.js';
import { fromIssues } from './shared.js';

export const missingEffect = defineCheck(
  {
    issueCode: 'MISSING_EFFECT',
    findingType: 'ERROR',
    title: 'Missing effect',
    description: 'A statement has no Effect element.',
  },
  (ctx) =>
    fromIssues(
      ctx,
      ['MISSING_EFFECT'],
      () => 'Add an Effect element to the policy statement with a value of Allow or Deny.',
    ),
);
