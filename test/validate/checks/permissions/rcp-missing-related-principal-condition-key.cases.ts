import { type CheckCases, res } from '../helpers.js';

// RCP companions
/** RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY: src/validate/checks/permissions/rcp-missing-related-principal-condition-key.ts */
export default {
  code: 'RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY',
  type: 'RESOURCE_CONTROL_POLICY',
  invalid: [
    {
      doc: res({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' } },
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
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    }),
  ],
} satisfies CheckCases;
