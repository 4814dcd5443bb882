import { syntaxCheck } from './shared.js';

export const emptyVariable = syntaxCheck(
  'EMPTY',
  'EMPTY_VARIABLE',
  'Empty variable',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variable syntax
  'A policy variable names nothing: ${}.',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variable syntax
  'Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure.',
);
