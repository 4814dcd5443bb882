// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, id } from '../helpers.js';

/** MISSING_QUOTE_IN_VARIABLE: src/validate/checks/variables/missing-quote-in-variable.ts */
export default {
  code: 'MISSING_QUOTE_IN_VARIABLE',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:::bucket/${aws:username, nobody}/*' }) }],
  valid: [id({ Resource: "arn:aws:s3:::bucket/${aws:username, 'nobody'}/*" })],
} satisfies CheckCases;
