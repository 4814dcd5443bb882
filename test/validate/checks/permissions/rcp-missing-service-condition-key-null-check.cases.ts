import { type CheckCases, res } from '../helpers.js';

/** RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK: src/validate/checks/permissions/rcp-missing-service-condition-key-null-check.ts */
export default {
  code: 'RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK',
  type: 'RESOURCE_CONTROL_POLICY',
  invalid: [
    {
      doc: res({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-abc' },
          Bool: { 'aws:PrincipalIsAWSService': 'true' },
        },
      }),
    },
  ],
  valid: [
    res({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-abc' },
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      },
    }),
  ],
} satisfies CheckCases;
