import { BUCKET, type CheckCases, res } from '../helpers.js';

/** LP_PUBLIC_PRINCIPAL_WITHOUT_CONDITION: src/validate/checks/statements/lp-public-principal-without-condition.ts */
export default {
  code: 'LP_PUBLIC_PRINCIPAL_WITHOUT_CONDITION',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [{ doc: res({ Principal: '*' }) }],
  valid: [res({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })],
} satisfies CheckCases;
