/** Every check, in report order: grammar first, then elements, actions, resources, conditions. */
import { actionChecks } from './checks/actions/index.js';
import { conditionChecks } from './checks/conditions/index.js';
import { elementChecks } from './checks/elements/index.js';
import { emptyChecks } from './checks/empty/index.js';
import { grammarChecks } from './checks/grammar/index.js';
import { permissionChecks } from './checks/permissions/index.js';
import { principalChecks } from './checks/principals/index.js';
import { resourceChecks } from './checks/resources/index.js';
import { statementChecks } from './checks/statements/index.js';
import { variableChecks } from './checks/variables/index.js';
import type { Check } from './define.js';
import type { CheckMeta } from './types.js';

export const CHECKS: readonly Check[] = [
  ...grammarChecks,
  ...elementChecks,
  ...emptyChecks,
  ...actionChecks,
  ...resourceChecks,
  ...principalChecks,
  ...conditionChecks,
  ...variableChecks,
  ...permissionChecks,
  ...statementChecks,
];

/** Metadata of every issue code (one entry per code, even when two checks share a code). */
export function checkCatalog(): CheckMeta[] {
  const byCode = new Map<string, CheckMeta>();
  for (const c of CHECKS) if (!byCode.has(c.meta.issueCode)) byCode.set(c.meta.issueCode, c.meta);
  return [...byCode.values()];
}

export function checkMeta(issueCode: string): CheckMeta | undefined {
  return CHECKS.find((c) => c.meta.issueCode === issueCode)?.meta;
}
