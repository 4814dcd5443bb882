import { BUCKET, type CheckCases, res } from '../helpers.js';

/** FEDERATED_PRINCIPAL_NOT_SUPPORTED: src/validate/checks/principals/federated-principal-not-supported.ts */
export default {
  code: 'FEDERATED_PRINCIPAL_NOT_SUPPORTED',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [{ doc: res({ Principal: { Federated: 'accounts.google.com' } }) }],
  valid: [res({})],
} satisfies CheckCases;
