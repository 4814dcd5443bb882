import { type CheckCases, TRUST, trust } from '../helpers.js';

/** CONFIRM_AUDIENCE_CLAIM_TYPE: src/validate/checks/conditions/confirm-audience-claim-type.ts */
export default {
  code: 'CONFIRM_AUDIENCE_CLAIM_TYPE',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    {
      doc: trust({
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { 'ForAllValues:StringEquals': { 'accounts.google.com:aud': 'app' } },
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
