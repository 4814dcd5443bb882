/**
 * Policies compiled once into matchers. A compiled statement answers "does this statement apply
 * to this request?" without parsing anything per request.
 */
import { compileActionList } from '../policy/action.js';
import { compileCondition, conditionKeysOf } from '../policy/conditions.js';
import type { RequestContext } from '../policy/context.js';
import type { Location } from '../policy/location.js';
import {
  type Effect,
  type PolicyDocument,
  type Statement,
  supportsPolicyVariables,
} from '../policy/model.js';
import {
  compileNotPrincipalBlock,
  compilePrincipalBlock,
  type PrincipalMatch,
  type RequestPrincipal,
} from '../policy/principal.js';
import { parseTemplate, templateMatcher } from '../policy/variables.js';
import type { Matcher } from '../policy/wildcard.js';
import type { MatchedStatement, PolicyKind, PolicyRef } from './types.js';

/** What the evaluator needs from a request, prepared once per request. */
export interface PreparedRequest {
  principal: RequestPrincipal;
  /** Action lowercased for matching. */
  actionLower: string;
  action: string;
  resource: string;
  context: RequestContext;
}

export interface CompiledStatement {
  effect: Effect;
  /** Explanation entry, built once at compile time. */
  info: MatchedStatement;
  matchesAction(actionLower: string): boolean;
  matchesResource(resource: string, ctx: RequestContext): boolean;
  /** For policies with a Principal element; undefined when the statement has none. */
  matchesPrincipal?: (p: RequestPrincipal) => PrincipalMatch | undefined;
  /** The statement names its principals with NotPrincipal. */
  notPrincipal: boolean;
  conditions: Array<(ctx: RequestContext) => boolean>;
  /** Condition keys the statement reads, lowercased (for missingContextKeys)... */
  conditionKeys: string[];
  /** ...and as first written in the policy, at the same positions. */
  conditionKeysWritten: string[];
}

export interface CompiledPolicy {
  kind: PolicyKind;
  name: string;
  statements: CompiledStatement[];
  /** The statements whose Action/NotAction matches a (lowercased) action, in document order. */
  forAction(actionLower: string): CompiledStatement[];
}

const NONE: CompiledStatement[] = [];

/**
 * Memoises action matching per policy: requests repeat a small set of actions, so each policy
 * answers "which statements can apply to this action" with one map lookup after the first time.
 */
function actionIndex(statements: CompiledStatement[]): (actionLower: string) => CompiledStatement[] {
  const memo = new Map<string, CompiledStatement[]>();
  return (a) => {
    let hit = memo.get(a);
    if (hit === undefined) {
      if (memo.size >= 4096) memo.clear();
      const found = statements.filter((st) => st.matchesAction(a));
      hit = found.length === 0 ? NONE : found;
      memo.set(a, hit);
    }
    return hit;
  };
}

const always = () => true;
const NO_CONTEXT: RequestContext = { get: () => undefined };

function compileResourceList(
  patterns: readonly string[],
  variables: boolean,
): (r: string, ctx: RequestContext) => boolean {
  const staticMatchers: Matcher[] = [];
  const dynamic: Array<(r: string, ctx: RequestContext) => boolean> = [];
  for (const p of patterns) {
    const t = parseTemplate(p, { variables });
    const arn = p.startsWith('arn:');
    if (!t.dynamic) {
      // Through the template: ${*}, ${?} and ${$} are literal characters here too.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars
      const m = templateMatcher(t, { arn });
      staticMatchers.push((r) => m(r, NO_CONTEXT));
      continue;
    }
    // A policy variable: substituted per request; an unresolvable variable matches nothing.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    dynamic.push(templateMatcher(t, { arn }));
  }
  if (dynamic.length === 0) {
    if (staticMatchers.length === 1) {
      const m = staticMatchers[0];
      return (r) => m(r);
    }
    return (r) => {
      for (const m of staticMatchers) if (m(r)) return true;
      return false;
    };
  }
  return (r, ctx) => {
    for (const m of staticMatchers) if (m(r)) return true;
    for (const d of dynamic) if (d(r, ctx)) return true;
    return false;
  };
}

function statementLabel(st: Statement): string {
  return st.sid?.value ?? String(st.index);
}

export function compileStatement(
  st: Statement,
  doc: PolicyDocument,
  kind: PolicyKind,
  policyName: string,
): CompiledStatement {
  const variables = supportsPolicyVariables(doc);
  let matchesAction: (a: string) => boolean = () => false;
  if (st.action) matchesAction = compileActionList(st.action.map((a) => a.value));
  else if (st.notAction) {
    const inner = compileActionList(st.notAction.map((a) => a.value));
    matchesAction = (a) => !inner(a);
  }
  let matchesResource: (r: string, ctx: RequestContext) => boolean = always;
  if (st.resource)
    matchesResource = compileResourceList(
      st.resource.map((r) => r.value),
      variables,
    );
  else if (st.notResource) {
    // An entry whose variable the request cannot resolve "will not match any resource", so
    // NotResource excludes nothing for it: the statement applies unless another entry matches.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value
    const inner = compileResourceList(
      st.notResource.map((r) => r.value),
      variables,
    );
    matchesResource = (r, ctx) => !inner(r, ctx);
  }
  let matchesPrincipal: CompiledStatement['matchesPrincipal'];
  let notPrincipal = false;
  if (st.principal) matchesPrincipal = compilePrincipalBlock(st.principal);
  else if (st.notPrincipal) {
    const exempt = compileNotPrincipalBlock(st.notPrincipal);
    // NotPrincipal applies to everyone not exempt, which is a grant as broad as a wildcard.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
    matchesPrincipal = (p) => (exempt(p) ? undefined : 'wildcard');
    notPrincipal = true;
  }
  const keys = new Map<string, string>();
  const conditions = st.conditions.map((c) => {
    keys.set(c.keyLower, c.key.value);
    for (const k of conditionKeysOf(c, { variables })) if (!keys.has(k)) keys.set(k, k);
    return compileCondition(c, { variables });
  });
  const location: Location = st.loc;
  return {
    effect: st.effect.value,
    info: {
      policyType: kind,
      policy: policyName,
      statement: statementLabel(st),
      effect: st.effect.value,
      location,
      ...(doc.file ? { file: doc.file } : {}),
    },
    matchesAction,
    matchesResource,
    matchesPrincipal,
    notPrincipal,
    conditions,
    conditionKeys: [...keys.keys()],
    conditionKeysWritten: [...keys.values()],
  };
}

export function compilePolicy(ref: PolicyRef, kind: PolicyKind, defaultName: string): CompiledPolicy {
  const name = ref.name ?? defaultName;
  const statements = ref.document.statements.map((st) => compileStatement(st, ref.document, kind, name));
  return { kind, name, statements, forAction: actionIndex(statements) };
}
