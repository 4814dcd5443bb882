import { type CheckCases, res } from '../helpers.js';

/** RCP_SYNTAX_ERROR_PRINCIPAL: src/validate/checks/elements/rcp-syntax-error-principal.ts */
export default {
  code: 'RCP_SYNTAX_ERROR_PRINCIPAL',
  type: 'RESOURCE_CONTROL_POLICY',
  invalid: [{ doc: res({ Effect: 'Deny', Principal: { AWS: '123456789012' } }) }],
  valid: [res({ Effect: 'Deny', Principal: '*' })],
} satisfies CheckCases;
