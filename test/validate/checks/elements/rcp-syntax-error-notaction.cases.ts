import { type CheckCases, res, V } from '../helpers.js';

/** RCP_SYNTAX_ERROR_NOTACTION: src/validate/checks/elements/rcp-syntax-error-notaction.ts */
export default {
  code: 'RCP_SYNTAX_ERROR_NOTACTION',
  type: 'RESOURCE_CONTROL_POLICY',
  invalid: [
    {
      doc: {
        Version: V,
        Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }],
      },
    },
  ],
  valid: [res({ Effect: 'Deny', Principal: '*' })],
} satisfies CheckCases;
