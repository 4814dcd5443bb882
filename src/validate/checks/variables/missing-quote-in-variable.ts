import { syntaxCheck } from './shared.js';

export const missingQuoteInVariable = syntaxCheck(
  'QUOTE',
  'MISSING_QUOTE_IN_VARIABLE',
  'Missing quote in variable',
  "A policy variable's default value is not in single quotes.",
  'The policy variable default value must begin and end with a single quote. Add the missing quote.',
);
