import { BUCKET, type CheckCases, res } from '../helpers.js';

/** RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: src/validate/checks/principals/recommended-condition-key-for-service-principal.ts */
export default {
  code: 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [
    {
      doc: res({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringLike: { 'aws:Referer': 'x' } },
      }),
    },
  ],
  valid: [
    res({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/ABC' } },
    }),
  ],
} satisfies CheckCases;
