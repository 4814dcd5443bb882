// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, id } from '../helpers.js';

/** UNSUPPORTED_SYMBOL_IN_VARIABLE: src/validate/checks/variables/unsupported-symbol-in-variable.ts */
export default {
  code: 'UNSUPPORTED_SYMBOL_IN_VARIABLE',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:::bucket/${aws:user#name}/*' }) }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/team-name}/*' })],
} satisfies CheckCases;
