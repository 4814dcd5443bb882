import { type CheckCases, TRUST, trust } from '../helpers.js';

/** MISSING_GITHUB_REPO_CONDITION_KEY: src/validate/checks/principals/missing-github-repo-condition-key.ts */
export default {
  code: 'MISSING_GITHUB_REPO_CONDITION_KEY',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    {
      doc: trust({
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
      }),
    },
  ],
  valid: [
    trust({
      Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:org/repo:ref:refs/heads/main' },
      },
    }),
  ],
} satisfies CheckCases;
