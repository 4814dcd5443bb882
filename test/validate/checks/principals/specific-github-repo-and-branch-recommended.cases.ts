import { type CheckCases, TRUST, trust } from '../helpers.js';

/** SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED: src/validate/checks/principals/specific-github-repo-and-branch-recommended.ts */
export default {
  code: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
  type: 'RESOURCE_POLICY',
  rt: TRUST,
  invalid: [
    {
      doc: trust({
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } },
      }),
      at: '"repo:org/*"',
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
