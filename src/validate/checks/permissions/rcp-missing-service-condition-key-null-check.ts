import { defineCheck } from '../../define.js';
import { hasNullFalse, SERVICE_KEYS } from './shared.js';

export const rcpMissingServiceConditionKeyNullCheck = defineCheck(
  {
    issueCode: 'RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK',
    findingType: 'WARNING',
    title: 'RCP missing service condition key null check',
    description: 'An RCP source condition key without a Null check on aws:SourceAccount or aws:SourceArn.',
    policyTypes: ['RESOURCE_CONTROL_POLICY'],
    messages: {
      specifiedServiceMay:
        'The specified service may have a service integration that does not require the use of the {{value}} condition key. To prevent unintended impact to services acting on your behalf using a service principal, an additional statement should be added to the Condition block "Null": { "aws:SourceAccount": "false"} or "Null": { "aws:SourceArn": "false"} whenever the key {{value}} is used.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const keys = st.conditions.filter((c) => SERVICE_KEYS.test(c.key.value) && c.operator.base !== 'Null');
      if (keys.length === 0 || hasNullFalse(st, ['aws:sourceaccount', 'aws:sourcearn'])) continue;
      for (const c of keys) {
        ctx.report({ messageId: 'specifiedServiceMay', data: { value: c.key.value } }, c.key.loc);
      }
    }
  },
);
