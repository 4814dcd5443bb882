import { type CheckCases, TRUST, trust } from '../helpers.js';

/** INVALID_SERVICE_PRINCIPAL_FORMAT: src/validate/checks/principals/invalid-service-principal-format.ts */
export default {
  code: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [{ doc: trust({ Principal: { Service: 'EC2' } }), at: '"EC2"' }],
  valid: [trust({})],
} satisfies CheckCases;
