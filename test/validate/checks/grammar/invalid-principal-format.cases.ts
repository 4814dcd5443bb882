import { type CheckCases, res } from '../helpers.js';

/** INVALID_PRINCIPAL_FORMAT: src/validate/checks/grammar/invalid-principal-format.ts */
export default {
  code: 'INVALID_PRINCIPAL_FORMAT',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: 'arn:aws:iam::123456789012:root' }) }],
  valid: [res({})],
} satisfies CheckCases;
