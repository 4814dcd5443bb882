import { defineCheck } from '../../define.js';
import { fromIssues, lastName } from './shared.js';

export const unsupportedElementCombination = defineCheck(
  {
    issueCode: 'UNSUPPORTED_ELEMENT_COMBINATION',
    findingType: 'ERROR',
    title: 'Unsupported element combination',
    description:
      'A statement uses two mutually exclusive elements (Action/NotAction, Resource/NotResource, Principal/NotPrincipal).',
  },
  (ctx) =>
    fromIssues(ctx, ['MUTUALLY_EXCLUSIVE_ELEMENTS'], (i) => {
      const b = lastName(i) ?? '';
      const a = b.replace(/^Not/, '');
      return `The policy elements ${a} and ${b} can not be used in the same statement. Remove one of these elements.`;
    }),
);
