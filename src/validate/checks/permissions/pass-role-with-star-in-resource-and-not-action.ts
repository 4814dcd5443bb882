import { familyCheck } from './shared.js';

export const passRoleWithStarInResourceAndNotAction = familyCheck(
  'PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
  'SECURITY_WARNING',
  'Pass role with star in resource and NotAction',
  'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
);
