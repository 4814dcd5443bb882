import { familyCheck } from './shared.js';

export const passRoleWithStarInActionAndNotResource = familyCheck(
  'PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
  'SECURITY_WARNING',
  'Pass role with star in action and NotResource',
  'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
);
