import { syntaxCheck } from './shared.js';

export const unsupportedSpaceInVariable = syntaxCheck(
  'SPACE',
  'UNSUPPORTED_SPACE_IN_VARIABLE',
  'Unsupported space in variable',
  'A policy variable name contains a space.',
  'A space is not supported within the policy variable text. Remove the space.',
);
