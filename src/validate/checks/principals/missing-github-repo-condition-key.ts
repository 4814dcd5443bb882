import { defineCheck } from '../../define.js';
import { entriesOf, GITHUB, oidcHost } from './shared.js';

export const missingGithubRepoConditionKey = defineCheck(
  {
    issueCode: 'MISSING_GITHUB_REPO_CONDITION_KEY',
    findingType: 'SECURITY_WARNING',
    title: 'Missing github repo condition key',
    description: 'A GitHub OIDC principal without a token.actions.githubusercontent.com:sub condition.',
    policyTypes: ['RESOURCE_POLICY'],
    messages: {
      grantingFederatedGithub:
        'Granting a federated GitHub principal permissions without a condition key can allow more sources to assume the role than you intended. Add the token.actions.githubusercontent.com:sub condition key and specify the branch and repository name in the value.',
    },
  },
  (ctx) => {
    if (!ctx.isTrustPolicy) return;
    for (const st of ctx.statements) {
      if (st.effect.value !== 'Allow') continue;
      for (const e of entriesOf(st, 'Federated')) {
        const host = oidcHost(e.value.value);
        if (!host?.startsWith(GITHUB)) continue;
        if (st.conditions.some((c) => c.keyLower === `${host.toLowerCase()}:sub`)) continue;
        ctx.report({ messageId: 'grantingFederatedGithub' }, e.value.loc);
      }
    }
  },
);
