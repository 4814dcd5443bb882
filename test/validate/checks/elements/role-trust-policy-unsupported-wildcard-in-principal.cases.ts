import { type CheckCases, TRUST, trust } from '../helpers.js';

/** ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: src/validate/checks/elements/role-trust-policy-unsupported-wildcard-in-principal.ts */
export default {
  code: 'ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [{ doc: trust({ Principal: '*' }) }],
  valid: [trust({})],
} satisfies CheckCases;
