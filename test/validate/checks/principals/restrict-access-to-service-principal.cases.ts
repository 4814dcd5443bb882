import { BUCKET, type CheckCases, res } from '../helpers.js';

/** RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL: src/validate/checks/principals/restrict-access-to-service-principal.ts */
export default {
  code: 'RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [{ doc: res({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' }) }],
  valid: [
    res({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    }),
  ],
} satisfies CheckCases;
