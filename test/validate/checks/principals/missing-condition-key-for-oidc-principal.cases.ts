import { type CheckCases, TRUST, trust } from '../helpers.js';

/** MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL: src/validate/checks/principals/missing-condition-key-for-oidc-principal.ts */
export default {
  code: 'MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    {
      doc: trust({
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      }),
    },
  ],
  valid: [
    trust({
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'accounts.google.com:aud': 'app' } },
    }),
  ],
} satisfies CheckCases;
