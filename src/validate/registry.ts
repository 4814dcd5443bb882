/** Every check, in report order: grammar first, then elements, actions, resources, conditions. */
import { actionChecks } from './checks/actions.js';
import { conditionChecks } from './checks/conditions.js';
import { duplicateKeyChecks } from './checks/duplicate-keys.js';
import { elementChecks } from './checks/elements.js';
import { emptyChecks } from './checks/empty.js';
import { grammarChecks } from './checks/grammar.js';
import { permissionChecks } from './checks/permissions.js';
import { principalChecks } from './checks/principals.js';
import { resourceChecks } from './checks/resources.js';
import { statementChecks } from './checks/statements.js';
import { variableChecks } from './checks/variables.js';
import type { Check } from './define.js';
import type { CheckMeta } from './types.js';

export const CHECKS: readonly Check[] = [
  ...grammarChecks,
  ...duplicateKeyChecks,
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
