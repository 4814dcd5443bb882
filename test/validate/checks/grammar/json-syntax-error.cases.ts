import { type CheckCases, id } from '../helpers.js';

// Grammar
/** JSON_SYNTAX_ERROR: src/validate/checks/grammar/json-syntax-error.ts */
export default {
  code: 'JSON_SYNTAX_ERROR',
  invalid: [{ doc: '{"Version": "2012-10-17", "Statement": [' }],
  valid: [id({})],
} satisfies CheckCases;
