export {
  accountLabel,
  credentialRow,
  exportOf,
  findAccount,
  guardrails,
  missing,
  missingExport,
  resourcePolicyOf,
  SNAPSHOT_FILES,
} from '../../account/snapshot.js';
export type * from '../../account/snapshot-model.js';
export { COLLECT_STEPS, type CollectStep, collectScript } from './collect.js';
export { parseCsv } from './csv.js';
export { locateInSnapshot } from './locate.js';
export {
  commandKey,
  readSnapshot,
  readSnapshotBundle,
  readSnapshotDirectory,
  snapshotFromValue,
} from './read.js';
