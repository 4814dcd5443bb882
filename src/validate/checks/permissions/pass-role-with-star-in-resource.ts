import { familyCheck } from './shared.js';

export const passRoleWithStarInResource = familyCheck(
  'PASS_ROLE_WITH_STAR_IN_RESOURCE',
  'SECURITY_WARNING',
  'Pass role with star in resource',
  'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.',
);
