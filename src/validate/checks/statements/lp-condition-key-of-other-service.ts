import { getGlobalConditionKeyByName } from '../../../catalog/index.js';
import { defineCheck } from '../../define.js';

export const lpConditionKeyOfOtherService = defineCheck(
  {
    issueCode: 'LP_CONDITION_KEY_OF_OTHER_SERVICE',
    findingType: 'WARNING',
    title: 'Condition key of a service the statement does not use',
    description:
      "A service condition key whose service none of the statement's actions belongs to: requests for those actions never carry it.",
    learnMoreLink:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html',
    messages: {
      conditionKeyBelongs:
        'The condition key {{k}} belongs to the service {{prefix}}, and no action of this statement is a {{prefix}} action, so the requests this statement matches never carry the key.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.notAction || st.conditions.length === 0) continue;
      const actions = ctx.actions(st);
      if (actions.length === 0 || actions.some((a) => a.all || a.serviceWildcard || !a.knownService))
        continue;
      const services = new Set(actions.map((a) => a.service!.toLowerCase()));
      for (const c of st.conditions) {
        const k = c.key.value;
        const prefix = k.slice(0, k.indexOf(':')).toLowerCase();
        if (prefix === 'aws' || services.has(prefix)) continue;
        const info = ctx.key(k);
        // Keys the reference files under another service (identity provider keys under sts) and
        // the service-session keys on the global list apply across services.
        if (!info || info.service !== prefix || getGlobalConditionKeyByName(k)) continue;
        ctx.report({ messageId: 'conditionKeyBelongs', data: { k, prefix } }, c.key.loc);
      }
    }
  },
);
