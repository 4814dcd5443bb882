import { type CheckCases, id } from '../helpers.js';

/** SCP_SYNTAX_ERROR_ACTION_WILDCARD: src/validate/checks/elements/scp-syntax-error-action-wildcard.ts */
export default {
  code: 'SCP_SYNTAX_ERROR_ACTION_WILDCARD',
  type: 'SERVICE_CONTROL_POLICY',
  invalid: [{ doc: id({ Action: 'iam:*Role' }), at: '"iam:*Role"' }],
  valid: [id({ Action: 'iam:Get*' })],
} satisfies CheckCases;
