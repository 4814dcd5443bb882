// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, id } from '../helpers.js';

/** EMPTY_VARIABLE: src/validate/checks/variables/empty-variable.ts */
export default {
  code: 'EMPTY_VARIABLE',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:::bucket/${}/*' }) }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' })],
} satisfies CheckCases;
