import { familyCheck } from './shared.js';

export const createSlrWithNotActionAndNotResource = familyCheck(
  'CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE',
  'WARNING',
  'Create SLR with NotAction and NotResource',
  'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.',
);
