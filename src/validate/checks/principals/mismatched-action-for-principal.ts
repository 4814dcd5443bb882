import { defineCheck } from '../../define.js';
import { entriesOf, providerKind } from './shared.js';

export const mismatchedActionForPrincipal = defineCheck(
  {
    issueCode: 'MISMATCHED_ACTION_FOR_PRINCIPAL',
    findingType: 'ERROR',
    title: 'Mismatched action for principal',
    description:
      'SAML providers go with sts:AssumeRoleWithSAML, OIDC providers with sts:AssumeRoleWithWebIdentity.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      actionInvalidFollowing:
        'The {{name}} action is invalid with the following principal(s): {{wrong}}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      const fed = entriesOf(st, 'Federated');
      if (fed.length === 0 || entriesOf(st, 'AWS').length > 0 || entriesOf(st, 'Service').length > 0)
        continue;
      for (const a of ctx.actions(st)) {
        if (!a.info) continue;
        const name = a.info.fullName;
        const wrong =
          name === 'sts:AssumeRoleWithSAML'
            ? fed.filter((e) => providerKind(e.value.value) === 'oidc')
            : name === 'sts:AssumeRoleWithWebIdentity'
              ? fed.filter((e) => providerKind(e.value.value) === 'saml')
              : name === 'sts:AssumeRole'
                ? fed
                : [];
        if (wrong.length === 0) continue;
        ctx.report(
          {
            messageId: 'actionInvalidFollowing',
            data: { name, wrong: wrong.map((e) => e.value.value).join(', ') },
          },
          a.loc,
        );
      }
    }
  },
);
