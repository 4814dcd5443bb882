import { familyCheck } from './shared.js';

export const createSlrWithStarInResource = familyCheck(
  'CREATE_SLR_WITH_STAR_IN_RESOURCE',
  'WARNING',
  'Create SLR with star in resource',
  'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.',
);
