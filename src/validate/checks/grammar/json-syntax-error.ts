import { defineCheck } from '../../define.js';
import { fromIssues } from './shared.js';

export const jsonSyntaxError = defineCheck(
  {
    issueCode: 'JSON_SYNTAX_ERROR',
    findingType: 'ERROR',
    title: 'Json syntax error',
    description: 'The policy is not valid JSON.',
  },
  (ctx) =>
    fromIssues(ctx, ['JSON_SYNTAX'], (i) => {
      const { offset, line, column } = i.location.span.start;
      return `Fix the JSON syntax error at index ${offset} line ${line} column ${column}. (${i.message})`;
    }),
);
