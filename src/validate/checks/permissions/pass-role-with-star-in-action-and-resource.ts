import { familyCheck } from './shared.js';

export const passRoleWithStarInActionAndResource = familyCheck(
  'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE',
  'SECURITY_WARNING',
  'Pass role with star in action and resource',
  'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
);
