import { BUCKET, type CheckCases, res } from '../helpers.js';

/** UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: src/validate/checks/principals/unsupported-condition-key-for-service-principal.ts */
export default {
  code: 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [
    {
      doc: res({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
      }),
    },
  ],
  valid: [res({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })],
} satisfies CheckCases;
