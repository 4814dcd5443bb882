import { type CheckCases, TRUST, trust } from '../helpers.js';

/** ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: src/validate/checks/elements/role-trust-policy-syntax-error-resource.ts */
export default {
  code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [{ doc: trust({ Resource: '*' }) }],
  valid: [trust({})],
} satisfies CheckCases;
