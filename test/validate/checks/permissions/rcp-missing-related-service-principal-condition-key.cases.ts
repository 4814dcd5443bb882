import { type CheckCases, res } from '../helpers.js';

/** RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY: src/validate/checks/permissions/rcp-missing-related-service-principal-condition-key.ts */
export default {
  code: 'RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY',
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
          Null: { 'aws:SourceAccount': 'false' },
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
