/**
 * leastpriv's library entry point: the policy model and parser, the concrete evaluator, the
 * validator, the CloudFormation reader and the proofs. Engines take model objects and return
 * plain data; nothing here reads files or prints.
 */
export * as catalog from './catalog/index.js';
export {
  type CompiledPolicySet,
  compilePolicySet,
  type Decision,
  type EvaluationOptions,
  type EvaluationResult,
  evaluate,
  evaluateRequest,
  type MatchedStatement,
  type PolicyKind,
  type PolicyRef,
  type PolicySet,
  type Request,
  type Scenario,
} from './evaluate/index.js';
export { Context, type ContextInput, type RequestContext } from './policy/context.js';
export { formatIssue, type PolicyIssue, PolicyParseError } from './policy/issues.js';
export type { Location, PathElement, Position, Span } from './policy/location.js';
export type { PolicyDocument, Statement } from './policy/model.js';
export { parsePolicy, parsePolicyStrict, parsePolicyValue } from './policy/parse.js';
export {
  type AccessSpec,
  type AnalyzeResult,
  analyzeExternalAccess,
  type CheckResult,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  checkSetAccessNotGranted,
  checkSetNoNewAccess,
  checkSetNoPublicAccess,
  type ExternalAccessFinding,
  type PolicySetScenario,
  type SetOptions,
  shutdownSolver,
  withPolicy,
} from './reason/index.js';
export { parseTemplate as parseCfnTemplate } from './sources/cfn/index.js';
export { readPolicySet, readScenarios } from './sources/scenario.js';
export { type Finding, validatePolicy, validatePolicyText } from './validate/index.js';
