import { type CheckCases, res } from '../helpers.js';

/** ALLOW_WITH_NOT_PRINCIPAL: src/validate/checks/elements/allow-with-not-principal.ts */
export default {
  code: 'ALLOW_WITH_NOT_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  invalid: [{ doc: res({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }) }],
  valid: [
    res({
      Effect: 'Deny',
      Principal: undefined,
      NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' },
    }),
  ],
} satisfies CheckCases;
