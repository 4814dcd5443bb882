// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, id } from '../helpers.js';

/** UNSUPPORTED_SPACE_IN_VARIABLE: src/validate/checks/variables/unsupported-space-in-variable.ts */
export default {
  code: 'UNSUPPORTED_SPACE_IN_VARIABLE',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:::bucket/${aws: username}/*' }) }],
  valid: [id({ Resource: "arn:aws:s3:::bucket/${aws:username, 'nobody'}/*" })],
} satisfies CheckCases;
