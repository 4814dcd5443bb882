import { type CheckCases, res } from '../helpers.js';

/** RCP_SYNTAX_ERROR_ALLOW: src/validate/checks/elements/rcp-syntax-error-allow.ts */
export default {
  code: 'RCP_SYNTAX_ERROR_ALLOW',
  type: 'RESOURCE_CONTROL_POLICY',
  invalid: [
    {
      doc: res({
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    },
  ],
  valid: [res({ Principal: '*', Action: '*', Resource: '*' })],
} satisfies CheckCases;
