import { type CheckCases, TRUST, trust } from '../helpers.js';

/** MISMATCHED_ACTION_FOR_PRINCIPAL: src/validate/checks/principals/mismatched-action-for-principal.ts */
export default {
  code: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    {
      doc: trust({
        Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      }),
    },
  ],
  valid: [
    trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' },
      Action: 'sts:AssumeRoleWithSAML',
    }),
  ],
} satisfies CheckCases;
