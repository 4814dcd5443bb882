// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, id } from '../helpers.js';

/** VARIABLE_UNSUPPORTED_IN_VERSION: src/validate/checks/variables/variable-unsupported-in-version.ts */
export default {
  code: 'VARIABLE_UNSUPPORTED_IN_VERSION',
  invalid: [{ doc: id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }, { Version: '2008-10-17' }) }],
  valid: [id({ Resource: 'arn:aws:s3:::bucket/${aws:username}/*' })],
} satisfies CheckCases;
