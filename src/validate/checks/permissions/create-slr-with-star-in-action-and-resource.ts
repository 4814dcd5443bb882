import { familyCheck } from './shared.js';

export const createSlrWithStarInActionAndResource = familyCheck(
  'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE',
  'WARNING',
  'Create SLR with star in action and resource',
  'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.',
);
