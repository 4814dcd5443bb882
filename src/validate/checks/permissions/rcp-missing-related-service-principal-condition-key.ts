import { defineCheck } from '../../define.js';
import { hasBool, SERVICE_KEYS } from './shared.js';

export const rcpMissingRelatedServicePrincipalConditionKey = defineCheck(
  {
    issueCode: 'RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY',
    findingType: 'WARNING',
    title: 'RCP missing related service principal condition key',
    description: 'An RCP source condition key without BoolIfExists aws:PrincipalIsAWSService true.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
    messages: {
      rcpsImpactIam:
        'RCPs impact IAM roles, users, and AWS service principals. To prevent unintended impact to your principals, an additional statement should be added to the Condition block "BoolIfExists": { "aws:PrincipalIsAWSService": "true"} whenever the key {{value}} is used.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const keys = st.conditions.filter((c) => SERVICE_KEYS.test(c.key.value) && c.operator.base !== 'Null');
      if (keys.length === 0 || hasBool(st, 'aws:principalisawsservice', 'true')) continue;
      for (const c of keys) {
        ctx.report({ messageId: 'rcpsImpactIam', data: { value: c.key.value } }, c.key.loc);
      }
    }
  },
);
