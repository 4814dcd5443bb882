import { type CheckCases, TRUST, trust } from '../helpers.js';

/** MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY: src/validate/checks/principals/missing-action-for-roles-anywhere-trust-policy.ts */
export default {
  code: 'MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [{ doc: trust({ Principal: { Service: 'rolesanywhere.amazonaws.com' } }) }],
  valid: [
    trust({
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
    }),
  ],
} satisfies CheckCases;
