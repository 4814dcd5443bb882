import { defineCheck } from '../../define.js';

export const lpPublicPrincipalWithoutCondition = defineCheck(
  {
    issueCode: 'LP_PUBLIC_PRINCIPAL_WITHOUT_CONDITION',
    findingType: 'SECURITY_WARNING',
    title: 'Public principal without condition',
    description: 'An Allow to every principal ("*") without a Condition makes the resource public.',
    learnMoreLink:
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      statementAllowsEvery:
        'This statement allows every principal, anonymous users included, without a Condition. Name the principals, or add conditions such as aws:PrincipalOrgID or aws:SourceVpce.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow' || !st.principal || st.conditions.length > 0) continue;
      const p = st.principal;
      const everyone = p.wildcard || p.entries.some((e) => e.type === 'AWS' && e.value.value === '*');
      if (everyone) {
        ctx.report({ messageId: 'statementAllowsEvery' }, p.loc);
      }
    }
  },
);
