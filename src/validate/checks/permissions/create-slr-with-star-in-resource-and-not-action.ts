import { familyCheck } from './shared.js';

export const createSlrWithStarInResourceAndNotAction = familyCheck(
  'CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION',
  'WARNING',
  'Create SLR with star in resource and NotAction',
  'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
);
