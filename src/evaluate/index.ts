export {
  type CompiledPolicySet,
  compilePolicySet,
  type EvaluationOptions,
  evaluate,
  evaluateRequest,
  needsNoPermission,
  prepareRequest,
} from './evaluate.js';
export { deniedMessage, policyKindName } from './message.js';
export type {
  Decision,
  EvaluationResult,
  MatchedStatement,
  Organization,
  PolicyKind,
  PolicyRef,
  PolicySet,
  Request,
  Scenario,
} from './types.js';
