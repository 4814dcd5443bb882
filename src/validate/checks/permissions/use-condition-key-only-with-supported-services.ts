import { defineCheck } from '../../define.js';
import { VPCE_ORG_KEYS } from './shared.js';

export const useConditionKeyOnlyWithSupportedServices = defineCheck(
  {
    issueCode: 'USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES',
    findingType: 'WARNING',
    title: 'Use condition key only with supported services',
    description:
      'aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths must be scoped to services that support them.',
    messages: {
      conditionKeyWorks:
        'The condition key {{value}} works only with specific AWS services and must be scoped to supported services in your policies.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const unscoped = st.notAction !== undefined || ctx.actions(st).some((a) => a.all || a.serviceWildcard);
      if (!unscoped) continue;
      for (const c of st.conditions) {
        if (VPCE_ORG_KEYS.has(c.keyLower)) {
          ctx.report({ messageId: 'conditionKeyWorks', data: { value: c.key.value } }, c.key.loc);
        }
      }
    }
  },
);
