import { familyCheck } from './shared.js';

export const createSlrWithNotResource = familyCheck(
  'CREATE_SLR_WITH_NOT_RESOURCE',
  'WARNING',
  'Create SLR with NotResource',
  'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.',
);
