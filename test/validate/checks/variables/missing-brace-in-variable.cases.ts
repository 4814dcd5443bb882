// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, id } from '../helpers.js';

// Variables
/** MISSING_BRACE_IN_VARIABLE: src/validate/checks/variables/missing-brace-in-variable.ts */
export default {
  code: 'MISSING_BRACE_IN_VARIABLE',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:::bucket/${aws:username/*' }) }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' })],
} satisfies CheckCases;
