import { defineCheck } from '../../define.js';
import { GITHUB } from './shared.js';

export const specificGithubRepoAndBranchRecommended = defineCheck(
  {
    issueCode: 'SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED',
    findingType: 'WARNING',
    title: 'Specific github repo and branch recommended',
    description:
      'A wildcard in token.actions.githubusercontent.com:sub admits more repositories or branches.',
    messages: {
      usingWildcardToken:
        'Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key.',
    },
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const c of st.conditions) {
        if (!c.keyLower.startsWith(GITHUB) || !c.keyLower.endsWith(':sub')) continue;
        for (const v of c.values) {
          if (typeof v.value === 'string' && v.value.includes('*')) {
            ctx.report({ messageId: 'usingWildcardToken' }, v.loc);
          }
        }
      }
    }
  },
);
