/**
 * The baseline audit as a pipeline: an account snapshot (src/sources/account) or a template
 * (src/sources/cfn) becomes the baseline's input, the controls (src/baseline) ask the evaluator and
 * the reasoner through the oracle, and the account engine's escalation analysis (src/account)
 * decides HYD-ESCALATION.
 */
export { escalationInput } from './escalation.js';
export { engineOracle } from './oracle.js';
export { inputFromSnapshot, type SnapshotOptions, snapshotAccounts } from './snapshot.js';
export { inputFromTemplate } from './template.js';
