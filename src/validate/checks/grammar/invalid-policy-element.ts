import { defineCheck } from '../../define.js';
import { fromIssues, lastName } from './shared.js';

export const invalidPolicyElement = defineCheck(
  {
    issueCode: 'INVALID_POLICY_ELEMENT',
    findingType: 'ERROR',
    title: 'Invalid policy element',
    description: 'The policy or a statement contains an element the grammar does not define.',
  },
  (ctx) => fromIssues(ctx, ['UNSUPPORTED_ELEMENT'], (i) => `The policy element ${lastName(i)} is not valid.`),
);
