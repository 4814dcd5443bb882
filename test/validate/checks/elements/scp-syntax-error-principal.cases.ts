import { type CheckCases, id } from '../helpers.js';

/** SCP_SYNTAX_ERROR_PRINCIPAL: src/validate/checks/elements/scp-syntax-error-principal.ts */
export default {
  code: 'SCP_SYNTAX_ERROR_PRINCIPAL',
  type: 'SERVICE_CONTROL_POLICY',
  invalid: [{ doc: id({ Principal: '*' }) }],
  valid: [id({})],
} satisfies CheckCases;
