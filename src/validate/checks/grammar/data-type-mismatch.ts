import { defineCheck } from '../../define.js';
import { fromIssues, isPrincipalIssue } from './shared.js';

export const dataTypeMismatch = defineCheck(
  {
    issueCode: 'DATA_TYPE_MISMATCH',
    findingType: 'ERROR',
    title: 'Data type mismatch',
    description: 'An element has the wrong JSON data type.',
  },
  (ctx) =>
    fromIssues(ctx, ['DATA_TYPE_MISMATCH'], (i) =>
      isPrincipalIssue(i) ? undefined : `The text does not match the expected JSON data type. ${i.message}.`,
    ),
);
