import { syntaxCheck } from './shared.js';

export const missingBraceInVariable = syntaxCheck(
  'MISSING_BRACE',
  'MISSING_BRACE_IN_VARIABLE',
  'Missing brace in variable',
  'A policy variable has no closing brace.',
  'The policy variable is missing a closing curly brace. Add } after the variable text.',
);
