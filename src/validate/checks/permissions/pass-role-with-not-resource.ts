import { familyCheck } from './shared.js';

export const passRoleWithNotResource = familyCheck(
  'PASS_ROLE_WITH_NOT_RESOURCE',
  'SECURITY_WARNING',
  'Pass role with NotResource',
  'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
);
