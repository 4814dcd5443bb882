import { familyCheck } from './shared.js';

export const passRoleWithNotActionAndNotResource = familyCheck(
  'PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE',
  'SECURITY_WARNING',
  'Pass role with NotAction and NotResource',
  'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.',
);
