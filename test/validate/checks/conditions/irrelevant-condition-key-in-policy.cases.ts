import { BUCKET, type CheckCases, res } from '../helpers.js';

/** IRRELEVANT_CONDITION_KEY_IN_POLICY: src/validate/checks/conditions/irrelevant-condition-key-in-policy.ts */
export default {
  code: 'IRRELEVANT_CONDITION_KEY_IN_POLICY',
  type: 'RESOURCE_POLICY',
  rt: BUCKET,
  invalid: [{ doc: res({ Condition: { StringEquals: { 's3:ResourceAccount': '123456789012' } } }) }],
  valid: [res({ Condition: { StringEquals: { 'aws:PrincipalAccount': '123456789012' } } })],
} satisfies CheckCases;
