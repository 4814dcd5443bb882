import { type CheckCases, TRUST, trust } from '../helpers.js';

/** REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY: src/validate/checks/principals/redundant-principal-in-role-trust-policy.ts */
export default {
  code: 'REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    {
      doc: trust({
        Principal: {
          AWS: ['arn:aws:iam::123456789012:role/admin', 'arn:aws:sts::123456789012:assumed-role/admin/jane'],
        },
      }),
    },
  ],
  valid: [
    trust({
      Principal: {
        AWS: ['arn:aws:iam::123456789012:role/admin', 'arn:aws:sts::123456789012:assumed-role/other/jane'],
      },
    }),
  ],
} satisfies CheckCases;
