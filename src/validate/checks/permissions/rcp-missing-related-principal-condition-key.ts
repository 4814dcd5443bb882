import { defineCheck } from '../../define.js';
import { hasBool, PRINCIPAL_KEYS } from './shared.js';

export const rcpMissingRelatedPrincipalConditionKey = defineCheck(
  {
    issueCode: 'RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY',
    findingType: 'WARNING',
    title: 'RCP missing related principal condition key',
    description: 'An RCP principal condition key without BoolIfExists aws:PrincipalIsAWSService false.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
    messages: {
      rcpsImpactIam:
        'RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block "BoolIfExists": { "aws:PrincipalIsAWSService": "false"} whenever a principal key {{value}} is used.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const keys = st.conditions.filter((c) => PRINCIPAL_KEYS.test(c.key.value));
      if (keys.length === 0 || hasBool(st, 'aws:principalisawsservice', 'false')) continue;
      for (const c of keys) {
        ctx.report({ messageId: 'rcpsImpactIam', data: { value: c.key.value } }, c.key.loc);
      }
    }
  },
);
