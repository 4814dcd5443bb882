import { type CheckCases, TRUST, trust } from '../helpers.js';

/** ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: src/validate/checks/elements/role-trust-policy-syntax-error-notprincipal.ts */
export default {
  code: 'ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    { doc: trust({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }) },
  ],
  valid: [trust({})],
} satisfies CheckCases;
