import { getGlobalConditionKeyByName } from '../../../catalog/index.js';
import { isProviderKey } from '../../context.js';
import { defineCheck } from '../../define.js';
import { supports } from './shared.js';

export const unsupportedActionForConditionKey = defineCheck(
  {
    issueCode: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    findingType: 'ERROR',
    title: 'Unsupported action for condition key',
    description: 'Listed actions (without wildcards) that a service condition key does not apply to.',
    messages: {
      followingActionsNot:
        'The following actions: {{unsupported}} are not supported by the condition key {{k}}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const exact = ctx.actions(st).filter((a) => a.info);
      if (exact.length === 0) continue;
      for (const c of st.conditions) {
        const k = c.key.value;
        const prefix = k.slice(0, k.indexOf(':')).toLowerCase();
        if (prefix === 'aws' || isProviderKey(k) || !ctx.key(k) || getGlobalConditionKeyByName(k)) continue;
        // Keys are checked against the actions of their own service; a key of another service
        // (e.g. iam:ResourceTag on sts:TagSession) is left alone.
        const unsupported = exact.filter((a) => a.info!.service === prefix && !supports(a.info!, k));
        if (unsupported.length === 0) continue;
        ctx.report(
          {
            messageId: 'followingActionsNot',
            data: { unsupported: unsupported.map((a) => a.info!.fullName).join(', '), k },
          },
          c.key.loc,
        );
      }
    }
  },
);
