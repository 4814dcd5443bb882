import { defineCheck } from '../../define.js';

// ---------------------------------------------------------------------------------------------
// Specific keys
// ---------------------------------------------------------------------------------------------

export const missingPairedConditionKeys = defineCheck(
  {
    issueCode: 'MISSING_PAIRED_CONDITION_KEYS',
    findingType: 'SECURITY_WARNING',
    title: 'Missing paired condition keys',
    description: 'aws:VpcSourceIp is safe only together with aws:SourceVpc or aws:SourceVpce.',
    messages: {
      usingConditionKey:
        'Using the condition key {{value}} can be overly permissive without also using the following condition keys: aws:SourceVpc, aws:SourceVpce. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      const ip = st.conditions.find((c) => c.keyLower === 'aws:vpcsourceip');
      if (!ip) continue;
      if (st.conditions.some((c) => c.keyLower === 'aws:sourcevpc' || c.keyLower === 'aws:sourcevpce'))
        continue;
      ctx.report({ messageId: 'usingConditionKey', data: { value: ip.key.value } }, ip.key.loc);
    }
  },
);
