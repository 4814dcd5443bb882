import { syntaxCheck } from './shared.js';

export const unsupportedSymbolInVariable = syntaxCheck(
  'SYMBOL',
  'UNSUPPORTED_SYMBOL_IN_VARIABLE',
  'Unsupported symbol in variable',
  'A policy variable name contains a character that no condition key contains.',
  'The symbol is not supported within the policy variable text. Remove the symbol.',
);
