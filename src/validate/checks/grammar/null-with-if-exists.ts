import { defineCheck } from '../../define.js';
import { fromIssues, isNullIfExists, lastName } from './shared.js';

export const nullWithIfExists = defineCheck(
  {
    issueCode: 'NULL_WITH_IF_EXISTS',
    findingType: 'ERROR',
    title: 'Null with if exists',
    description: 'The Null operator cannot take the IfExists suffix.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_OPERATOR'], (i) =>
      isNullIfExists(lastName(i))
        ? 'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.'
        : undefined,
    ),
);
