import { type CheckCases, res } from '../helpers.js';

/** RCP_SYNTAX_ERROR_ACTION: src/validate/checks/elements/rcp-syntax-error-action.ts */
export default {
  code: 'RCP_SYNTAX_ERROR_ACTION',
  type: 'RESOURCE_CONTROL_POLICY',
  invalid: [
    {
      doc: res({ Effect: 'Deny', Principal: '*', Action: 'ec2:RunInstances', Resource: '*' }),
      at: '"ec2:RunInstances"',
    },
  ],
  valid: [res({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' })],
} satisfies CheckCases;
