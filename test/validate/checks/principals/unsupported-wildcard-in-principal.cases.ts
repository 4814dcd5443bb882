import { type CheckCases, res } from '../helpers.js';

// Principals
/** UNSUPPORTED_WILDCARD_IN_PRINCIPAL: src/validate/checks/principals/unsupported-wildcard-in-principal.ts */
export default {
  code: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: { AWS: 'arn:aws:iam::123456789012:user/*' } }) }],
  valid: [res({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })],
} satisfies CheckCases;
