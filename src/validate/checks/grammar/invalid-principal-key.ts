import { defineCheck } from '../../define.js';
import { fromIssues, lastName } from './shared.js';

export const invalidPrincipalKey = defineCheck(
  {
    issueCode: 'INVALID_PRINCIPAL_KEY',
    findingType: 'ERROR',
    title: 'Invalid principal key',
    description: 'A Principal map uses a key other than AWS, Service, Federated or CanonicalUser.',
  },
  (ctx) =>
    fromIssues(ctx, ['UNSUPPORTED_PRINCIPAL_TYPE'], (i) => `The principal key ${lastName(i)} is not valid.`),
);
