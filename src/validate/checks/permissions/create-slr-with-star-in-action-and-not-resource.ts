import { familyCheck } from './shared.js';

export const createSlrWithStarInActionAndNotResource = familyCheck(
  'CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE',
  'WARNING',
  'Create SLR with star in action and NotResource',
  'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
);
