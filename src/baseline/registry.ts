/** Every control, in report order (baseline-controls.md sections 1-6). */

import alarmBudget from './controls/alarm-budget.js';
import alarmGuardDuty from './controls/alarm-guardduty.js';
import { alarmIam, alarmRoot, cisAlarmControls } from './controls/alarms.js';
import bootstrapRemoved from './controls/bootstrap-removed.js';
import { cisTrailControls } from './controls/cis-trails.js';
import escalation from './controls/escalation.js';
import groupsRoles from './controls/groups-roles.js';
import keyRotation from './controls/key-rotation.js';
import { alias, tags } from './controls/naming.js';
import noAdminPolicy from './controls/no-admin-policy.js';
import { cisControls as cisPassword, hydrate as passwordPolicy } from './controls/password-policy.js';
import roleMfa from './controls/role-mfa.js';
import { adminRole, developerRole, operatorRole } from './controls/role-split.js';
import rootHardwareMfa from './controls/root-hardware-mfa.js';
import rootKeys from './controls/root-keys.js';
import rootMfa from './controls/root-mfa.js';
import rootUse from './controls/root-use.js';
import s3Bpa from './controls/s3-bpa.js';
import snsTopic from './controls/sns-topic.js';
import supportRole from './controls/support-role.js';
import trail from './controls/trail.js';
import unusedCredentials from './controls/unused-credentials.js';
import userMfa from './controls/user-mfa.js';
import usersInGroups from './controls/users-in-groups.js';
import type { Control } from './define.js';

export const CONTROLS: Control[] = [
  rootMfa,
  rootHardwareMfa,
  rootKeys,
  rootUse,
  passwordPolicy,
  ...cisPassword,
  userMfa,
  keyRotation,
  unusedCredentials,
  usersInGroups,
  bootstrapRemoved,
  noAdminPolicy,
  supportRole,
  groupsRoles,
  roleMfa,
  adminRole,
  operatorRole,
  developerRole,
  escalation,
  trail,
  ...cisTrailControls,
  s3Bpa,
  snsTopic,
  alarmIam,
  alarmRoot,
  alarmBudget,
  alarmGuardDuty,
  ...cisAlarmControls,
  alias,
  tags,
];

export function controlById(id: string): Control | undefined {
  return CONTROLS.find((c) => c.meta.id === id);
}
