import { type CheckCases, TRUST, trust } from '../helpers.js';

/** INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: src/validate/checks/principals/invalid-federated-principal-syntax-in-role-trust-policy.ts */
export default {
  code: 'INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    { doc: trust({ Principal: { Federated: 'not a provider' }, Action: 'sts:AssumeRoleWithWebIdentity' }) },
  ],
  valid: [
    trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' },
      Action: 'sts:AssumeRoleWithSAML',
    }),
  ],
} satisfies CheckCases;
