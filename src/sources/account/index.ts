export { COLLECT_STEPS, type CollectStep, collectScript } from './collect.js';
export { parseCsv } from './csv.js';
export { locateInSnapshot } from './locate.js';
export type * from './model.js';
export {
  commandKey,
  readSnapshot,
  readSnapshotBundle,
  readSnapshotDirectory,
  SNAPSHOT_FILES,
  snapshotFromValue,
} from './read.js';
export {
  accountLabel,
  credentialRow,
  exportOf,
  findAccount,
  guardrails,
  missing,
  missingExport,
  resourcePolicyOf,
} from './snapshot.js';
