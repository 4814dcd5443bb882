import { defineCheck } from '../../define.js';
import { NOT_FOR_SERVICES } from './shared.js';

export const unsupportedConditionKeyForServicePrincipal = defineCheck(
  {
    issueCode: 'UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Unsupported condition key for service principal',
    description: 'Organization and principal tag keys are never present for service principals.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      followingConditionKeys:
        'The following condition keys are not supported when used with the service principal: {{keys}}.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const p = st.principal;
      if (!p || p.wildcard || p.entries.length === 0 || !p.entries.every((e) => e.type === 'Service'))
        continue;
      const keys = st.conditions.filter((c) => NOT_FOR_SERVICES.test(c.key.value));
      if (keys.length === 0) continue;
      ctx.report(
        { messageId: 'followingConditionKeys', data: { keys: keys.map((c) => c.key.value).join(', ') } },
        keys.map((c) => c.key.loc),
      );
    }
  },
);
