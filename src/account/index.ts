export { type AccountDiff, diffSnapshots, type PrincipalChange } from './diff.js';
export {
  type EdgeKind,
  EscalationAnalysis,
  type EscalationOptions,
  type EscalationResult,
  escalation,
  escalationEach,
  type PrincipalEscalation,
  type Reach,
  type Step,
  type UnknownPath,
  unknownKey,
} from './escalation.js';
export { type AccountGraph, accountGraph, type GraphEdge, type GraphNode } from './graph.js';
export { AccountIndex, type Principal, type StatementRef } from './index-model.js';
export { EXISTING, NEW_RESOURCE } from './recipes.js';
export {
  type CanResult,
  can,
  type QueryOptions,
  type WhoCanEntry,
  type WhoCanResult,
  whoCan,
} from './who-can.js';
