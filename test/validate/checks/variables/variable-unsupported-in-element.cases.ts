// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables and ARN placeholders are ${...} text
import { type CheckCases, id } from '../helpers.js';

/** VARIABLE_UNSUPPORTED_IN_ELEMENT: src/validate/checks/variables/variable-unsupported-in-element.ts */
export default {
  code: 'VARIABLE_UNSUPPORTED_IN_ELEMENT',
  invalid: [{ doc: id({ Action: 's3:${aws:username}' }) }],
  valid: [id({})],
} satisfies CheckCases;
