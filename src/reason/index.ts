/**
 * Proved policy checks and external-access findings (IAM Access Analyzer's questions, answered
 * offline, with a concrete counterexample the evaluator replays). Each check is a few lines
 * stating its property over the one generic `verify` (verify.ts):
 *
 * - checkNoNewAccess(new, old)        phi = new allows AND NOT old allows        (implies)
 * - checkAccessNotGranted(p, access)  phi = p allows AND request in access       (disjoint)
 * - checkNoPublicAccess(p, type)      phi = p allows AND request is public       (never-allows)
 * - analyzeExternalAccess(p, zone)    phi = p allows AND request is external, per statement
 *
 * See docs/reasoning.md for the encoding and its soundness argument.
 */
import { rcpSupportedServices } from '../catalog/index.js';
import { evaluate } from '../evaluate/index.js';
import { compileActionList } from '../policy/action.js';
import type { PolicyDocument } from '../policy/model.js';
import {
  Abstraction,
  type PolicyInput,
  type PredRef,
  principalOf,
  type StatementPlan,
} from './abstraction.js';
import {
  accessConstraint,
  checkSetAccessNotGranted,
  checkSetNoNewAccess,
  type Layout,
  layoutOf,
  ownerSet,
  type PolicySetScenario,
  planDecision,
  principalConstraint,
  rcpAlone,
} from './combined.js';
import type { Deadline } from './deadline.js';
import { domain, roleOf, servicesForResourceType } from './domain.js';
import {
  alignCallerAccount,
  isPublicIdentityProvider,
  outsideFormula,
  planExternal,
  planPublic,
  type ZoneOfTrust,
} from './external.js';
import { type Assignment, and, evaluateFormula, type Formula, inSet, not, or, TRUE } from './formula.js';
import {
  type ConcreteRequest,
  concretize,
  findRequests,
  type Replayed,
  ReplayMismatchError,
  replayPolicy,
  type SearchResult,
} from './query.js';
import type { CheckResult, PolicyType, ReasonOptions } from './types.js';
import { DEFAULT_TIMEOUT_MS, isUndecided, startCheck, verify } from './verify.js';

/** What each command asks the solver, as its UNKNOWN answer names it. */
export const QUERIES = {
  'check-no-new-access': 'check-no-new-access: exists request . new allows AND NOT existing allows',
  'check-access-not-granted': 'check-access-not-granted: exists request in ACCESS . policy allows',
  'check-no-public-access': 'check-no-public-access: exists public request . policy allows',
  analyze: 'analyze: exists external request . policy allows',
} as const;

export {
  checkSetAccessNotGranted,
  checkSetNoNewAccess,
  checkSetNoPublicAccess,
  type PolicySetScenario,
  principalSelectorError,
  rcpAlone,
  SET_QUERIES,
  type SetOptions,
  withPolicy,
} from './combined.js';
export { Deadline, DeadlineExceeded } from './deadline.js';
export { reasonResourceTypes, servicesForResourceType } from './domain.js';
export { shutdownSolver, warmUp } from './solver.js';
export type { CheckReason, CheckResult, PolicyType, ReasonOptions } from './types.js';
export { UnsupportedQueryError } from './types.js';
export { type ConcreteRequest, ReplayMismatchError, type ZoneOfTrust };

/**
 * CheckNoNewAccess: does `newPolicy` allow any request that `existingPolicy` does not?
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html
 */
export function checkNoNewAccess(
  newPolicy: PolicyDocument,
  existingPolicy: PolicyDocument,
  options: ReasonOptions & { policyType: PolicyType; resourceType?: string },
): Promise<CheckResult> {
  // An RCP only denies: checked as the set "everything else allows, this RCP governs" (combined.ts).
  if (options.policyType === 'RESOURCE_CONTROL_POLICY')
    return checkSetNoNewAccess(rcpAlone(newPolicy, 'new'), rcpAlone(existingPolicy, 'existing'), {
      ...options,
      serviceLinkedRoles: false,
    });
  const role = roleOf(options.policyType);
  return verify(
    {
      query: QUERIES['check-no-new-access'],
      policies: [
        { document: newPolicy, role, name: 'new' },
        { document: existingPolicy, role, name: 'existing' },
      ],
      role,
      resourceType: options.resourceType,
      property: (abs) => () => and(abs.allows(0), not(abs.allows(1))),
      text: {
        pass: 'The modified permissions grant no new access compared to your existing policy.',
        fail: 'The modified permissions grant new access compared to your existing policy.',
        existingDecision: true,
      },
    },
    options,
  );
}

export interface AccessSpec {
  actions?: string[];
  resources?: string[];
}

/**
 * CheckAccessNotGranted: can the policy allow any of the listed actions (on any of the listed
 * resources)? Either list may be omitted, as in AWS's API.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckAccessNotGranted.html
 */
export function checkAccessNotGranted(
  policy: PolicyDocument,
  access: AccessSpec,
  options: ReasonOptions & { policyType: PolicyType; resourceType?: string },
): Promise<CheckResult> {
  if (options.policyType === 'RESOURCE_CONTROL_POLICY')
    return checkSetAccessNotGranted(rcpAlone(policy), access, { ...options, serviceLinkedRoles: false });
  const role = roleOf(options.policyType);
  return verify(
    {
      query: QUERIES['check-access-not-granted'],
      policies: [{ document: policy, role, name: 'policy' }],
      role,
      resourceType: options.resourceType,
      property: (abs) => {
        const inAccess = accessConstraint(abs, access);
        return () => and(abs.allows(0), inAccess());
      },
      text: {
        pass: 'The policy document does not grant access to perform the listed actions or resources.',
        fail: 'The policy document grants access to perform one or more of the listed actions or resources.',
      },
    },
    options,
  );
}

/**
 * CheckNoPublicAccess: can a resource policy allow a request from anyone (an anonymous principal or
 * a principal in an account nobody named, with no scoping key pinned to a named value)?
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html
 */
export function checkNoPublicAccess(
  policy: PolicyDocument,
  options: ReasonOptions & { resourceType: string },
): Promise<CheckResult> {
  return verify(
    {
      query: QUERIES['check-no-public-access'],
      policies: [{ document: policy, role: 'resource', name: 'policy' }],
      role: 'resource',
      resourceType: options.resourceType,
      property: (abs) => {
        const plan = planPublic(abs);
        return () => and(abs.allows(0), outsideFormula(abs, plan));
      },
      text: {
        pass: 'The resource policy does not grant public access for this resource type.',
        fail: 'The resource policy grants public access for this resource type.',
      },
    },
    options,
  );
}

export interface ExternalAccessFinding {
  statementIndex: number;
  statementId?: string;
  /** As Access Analyzer reports it: `{"AWS": "111122223333"}`, `{"AWS": "*"}`, `{"Service": "sns.amazonaws.com"}`. */
  principal: Record<string, string>;
  action: string[];
  /** The statement's conditions that must hold, `key -> values`. */
  condition: Record<string, string>;
  isPublic: boolean;
  /** A concrete request the evaluator allows, as proof. */
  example: { request: ConcreteRequest; decision: string };
  /**
   * With a policy set, as Access Analyzer reports it: `APPLICABLE` when the set has RCP levels that
   * govern the resource type's service (Access Analyzer does not include them in the finding),
   * `NOT_APPLICABLE` otherwise.
   * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ExternalAccessDetails.html
   */
  resourceControlPolicyRestriction?: 'APPLICABLE' | 'NOT_APPLICABLE';
  /**
   * With a policy set, leastpriv's addition: whether the access survives the resource owner's RCPs
   * and VPC endpoint policy for some external principal of the finding (ALLOWED, with a request
   * the evaluator allows over the whole set), or for none (BLOCKED, a proof over the combined
   * encoding). A finding on a public statement asks this of every external principal.
   */
  effective?: EffectiveAccess;
}

export type EffectiveAccess =
  | { result: 'ALLOWED'; example: { request: ConcreteRequest; decision: string } }
  | { result: 'BLOCKED' }
  | { result: 'UNKNOWN'; reason: string };

export interface AnalyzeResult {
  findings: ExternalAccessFinding[];
  unknown?: { reason: string; query: string; policies: string[] };
  /**
   * With a policy set: can any principal outside the zone of trust reach the resource through the
   * resource policy's Allow statements, the owner's RCPs and VPC endpoint policy included? BLOCKED
   * (no external access) is a proof over the combined encoding; ALLOWED carries a replayed request.
   */
  effective?: EffectiveAccess;
}

/**
 * How a finding names the principals of a class: the ARN the policy names, else the account (the
 * policy granted the account, or a principal the policy does not name is one of its account's).
 */
function findingPrincipal(w: string, publicClass: boolean, policyText = ''): Record<string, string> {
  const p = principalOf(w);
  if (isPublicIdentityProvider(w)) return { Federated: w };
  if (p.kind === 'anonymous' || publicClass) return { AWS: '*' };
  if (p.kind === 'root' && p.account) return { AWS: p.account };
  if (p.kind === 'service') return { Service: p.text };
  if (p.kind === 'webIdentity') return { Federated: p.text };
  if (p.kind === 'canonicalUser') return { CanonicalUser: p.text };
  const named = p.kind === 'assumedRole' ? (p.roleArn ?? w) : w;
  if (w.includes('leastpriv-probe') || p.kind === 'root' || (p.account && !policyText.includes(named)))
    return { AWS: p.account ?? w };
  return { AWS: named };
}

function conditionMap(plan: StatementPlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of plan.statement.conditions) {
    const values = c.values.map((v) => String(v.value)).join(',');
    out[c.key.value] = out[c.key.value] ? `${out[c.key.value]};${values}` : values;
  }
  return out;
}

/**
 * External access findings for a resource policy, as IAM Access Analyzer reports them: one finding
 * per allow statement and external principal class, with the actions, the conditions that must
 * hold, whether the access is public, and a replayed example request.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html
 */
export async function analyzeExternalAccess(
  policy: PolicyDocument,
  options: AnalyzeOptions,
): Promise<AnalyzeResult> {
  const deadline = startCheck(options);
  try {
    return await analyzeWithin(policy, options, deadline);
  } catch (error) {
    if (!isUndecided(error)) throw error;
    return {
      findings: [],
      unknown: { reason: error.message, query: ANALYZE_QUERY, policies: [policy.file ?? 'policy'] },
    };
  }
}

/**
 * External access findings for the resource of a policy set: Access Analyzer's findings for its
 * resource policy (which, as Access Analyzer does, leave RCPs out of the finding and say whether
 * one applies), and for each finding and the resource as a whole whether the access survives the
 * resource owner's RCP levels and VPC endpoint policy (`effective`). The set's identity policies,
 * boundary, session policy and SCPs belong to principals of the owner's organization, not to the
 * external principal, and play no part (see ownerSet).
 */
export async function analyzeSetExternalAccess(
  set: PolicySetScenario,
  options: AnalyzeOptions,
): Promise<AnalyzeResult> {
  const resource = set.policies.resource;
  if (!resource) throw new Error('analyzeSetExternalAccess: the policy set has no resource policy');
  const deadline = startCheck(options);
  const owner = ownerSet(set);
  const names = [
    resource.name ?? 'resource',
    ...(set.policies.rcps ?? []).flat().map((r) => r.name ?? 'rcp'),
  ];
  try {
    return await analyzeWithin(resource.document, options, deadline, owner);
  } catch (error) {
    // The encoding and the evaluator disagree: loudly, and never as "no external access".
    if (!isUndecided(error) && !(error instanceof ReplayMismatchError)) throw error;
    return { findings: [], unknown: { reason: error.message, query: ANALYZE_QUERY, policies: names } };
  }
}

type AnalyzeOptions = ReasonOptions & {
  resourceType?: string;
  resourceArn?: string;
  zoneOfTrust: ZoneOfTrust;
  /** Only external principals this selects (see SetOptions.principal). */
  principal?: string;
};

/** Access Analyzer's resourceControlPolicyRestriction for a set (see ExternalAccessFinding). */
function rcpRestriction(set: PolicySetScenario, resourceType?: string): 'APPLICABLE' | 'NOT_APPLICABLE' {
  if (!(set.policies.rcps ?? []).some((level) => level.length > 0)) return 'NOT_APPLICABLE';
  const services = servicesForResourceType(resourceType);
  if (!services) return 'APPLICABLE';
  const supported = rcpSupportedServices();
  return services.some((svc) => supported.has(svc)) ? 'APPLICABLE' : 'NOT_APPLICABLE';
}
const ANALYZE_QUERY = QUERIES.analyze;

async function analyzeWithin(
  policy: PolicyDocument,
  options: AnalyzeOptions,
  deadline: Deadline,
  set?: PolicySetScenario,
): Promise<AnalyzeResult> {
  const query = ANALYZE_QUERY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let abs: Abstraction;
  let base: Formula;
  let pubFormula: Formula;
  let owner: string;
  let extPrincipal: PredRef;
  let extFormula: Formula;
  let scope: Formula;
  let setAllowed: (() => Formula) | undefined;
  const actionRefs = new Map<string, ReturnType<Abstraction['constraint']>>();
  // The resource policy alone (index 0), or a set's policies in the evaluator's order, with the
  // resource policy at `res`: findings are Access Analyzer's, over the resource policy alone; the
  // set's decision (combined.ts, the one encoding of RCPs) settles which of them are effective.
  const inputs: PolicyInput[] = [];
  let layout: Layout | undefined;
  if (set) layout = layoutOf(inputs, set.policies);
  else inputs.push({ document: policy, role: 'resource', name: 'policy' });
  const res = layout?.resource ?? 0;
  {
    abs = new Abstraction(inputs, deadline);
    owner = set?.resourceAccount ?? options.zoneOfTrust.accounts[0] ?? abs.fresh(1);
    if (layout && set)
      setAllowed = planDecision(abs, layout, {
        resourceAccount: owner,
        managementAccount: set.organization?.managementAccount,
      });
    const only = options.principal !== undefined ? principalConstraint(abs, options.principal) : undefined;
    const dom = domain(abs, 'resource', owner, options.resourceType);
    let resourceRef: ReturnType<Abstraction['constraint']> | undefined;
    if (options.resourceArn) {
      const arn = options.resourceArn;
      abs.addResourcePattern(arn);
      resourceRef = abs.constraint('resource', (w) => w === arn);
    }
    const pub = planPublic(abs, options.zoneOfTrust);
    const ext = planExternal(abs, options.zoneOfTrust);
    extPrincipal = ext.principal;
    // With Deny statements, a statement's actions are not all reachable: keep a predicate per
    // action value to report only the actions the external principal can perform.
    if (abs.plans[res].some((p) => p.effect === 'Deny')) {
      for (const plan of abs.plans[res]) {
        if (plan.effect !== 'Allow' || !plan.statement.action) continue;
        for (const a of plan.statement.action) {
          if (actionRefs.has(a.value)) continue;
          const m = compileActionList([a.value]);
          actionRefs.set(
            a.value,
            abs.constraint('action', (w) => m(w.toLowerCase())),
          );
        }
      }
    }
    abs.finalize();
    extFormula = outsideFormula(abs, ext);
    scope = and(
      dom(),
      extFormula,
      resourceRef ? abs.formulaOf(resourceRef) : TRUE,
      only ? abs.formulaOf(only) : TRUE,
    );
    base = and(scope, abs.allows(res));
    pubFormula = outsideFormula(abs, pub);
  }
  const principalInfo = abs.info().find((p) => p.name === 'principal')!;
  const allowPlans = abs.plans[res].filter((p) => p.effect === 'Allow');
  const decideAlone = (q: ConcreteRequest) => replayPolicy(abs, res, q, owner);
  // A model is replayed on the resource policy alone, in the scenario its role implies.
  const replayAlone = (request: ConcreteRequest, assignment: Assignment): Replayed => {
    const r = decideAlone(request);
    const claim = evaluateFormula(abs.allows(res), assignment);
    if (claim === (r.decision === 'Allowed')) return { replays: [r] };
    return {
      replays: [r],
      mismatch: `replay mismatch on the resource policy: the abstraction claims ${
        claim ? 'Allowed' : 'not allowed'
      }, the evaluator says ${r.decision} for ${JSON.stringify(request)}`,
    };
  };
  const search = (checks: Formula[]) =>
    findRequests(abs, base, checks, { resourceAccount: owner, timeoutMs, deadline, replay: replayAlone });
  const findings: ExternalAccessFinding[] = [];
  const seen = new Set<string>();
  let unknownReason: string | undefined;
  const scopes: Formula[] = [];
  /** Per finding, the requests whose effective access it reports (see ExternalAccessFinding.effective). */
  const effectiveScopes: Formula[] = [];
  /** The solver's assignment behind each finding (its example request). */
  const assignments: Assignment[] = [];
  const record = (
    plan: StatementPlan,
    r: SearchResult,
    principal: Record<string, string>,
    isPublic: boolean,
    scope: Formula,
    effectiveScope: Formula,
  ) => {
    if (r.status === 'unknown') unknownReason ??= r.reason;
    if (r.status !== 'found') return;
    const key = `${plan.statement.index}|${JSON.stringify(principal)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const st = plan.statement;
    findings.push({
      statementIndex: st.index,
      ...(st.sid ? { statementId: st.sid.value } : {}),
      principal,
      action: st.action
        ? st.action.map((a) => a.value)
        : (st.notAction ?? []).map((a) => `NotAction:${a.value}`),
      condition: conditionMap(plan),
      isPublic,
      example: {
        request: alignCallerAccount(
          r.request,
          options.zoneOfTrust,
          (q) => decideAlone(q).decision,
          r.replays[0].decision,
        ),
        decision: r.replays[0].decision,
      },
    });
    scopes.push(scope);
    effectiveScopes.push(effectiveScope);
    assignments.push(r.assignment);
  };
  // One batch: per allow statement "public?" (then one finding for everyone, `"AWS": "*"`), and
  // per statement and external principal class (one finding per named principal otherwise).
  const checks: Formula[] = [];
  const keys: Array<{ plan: StatementPlan; principal?: Record<string, string> }> = [];
  for (const plan of allowPlans) {
    checks.push(and(abs.statementFormula(plan), pubFormula));
    keys.push({ plan });
  }
  // Principal classes that can be external at all, grouped by how a finding names them: one check
  // per statement and group ("any other account" classes share `{"AWS": "*"}`).
  const external = new Set(abs.predClasses(extPrincipal) ?? []);
  const describe = (cls: number) => {
    const w = principalInfo.witnesses[cls] as string;
    const account = principalOf(w).account;
    return findingPrincipal(w, account !== undefined && !abs.mentionedAccounts.has(account), policy.text);
  };
  for (const plan of allowPlans) {
    const st = abs.statementFormula(plan);
    const classes = (
      plan.principalPart
        ? (abs.predClasses(plan.principalPart) ?? [])
        : principalInfo.witnesses.map((_, i) => i)
    ).filter((c) => external.has(c));
    const groups = new Map<string, { principal: Record<string, string>; classes: number[] }>();
    for (const cls of classes) {
      const principal = describe(cls);
      const k = JSON.stringify(principal);
      if (!groups.has(k)) groups.set(k, { principal, classes: [] });
      groups.get(k)!.classes.push(cls);
    }
    for (const g of groups.values()) {
      checks.push(and(st, inSet(principalInfo.index, g.classes, principalInfo.witnesses.length)));
      keys.push({ plan, principal: g.principal });
    }
  }
  const results = await search(checks);
  const publicPlans = new Set<StatementPlan>();
  results.forEach((r, i) => {
    const { plan, principal } = keys[i];
    if (principal === undefined) {
      if (r.status !== 'none') publicPlans.add(plan);
      // Everyone (`"AWS": "*"`), or everyone signing in to a public identity provider.
      const who = r.status === 'found' && isPublicIdentityProvider(r.request.principal);
      // Its effective access: any external principal (a guardrail may block the public but not all).
      const principal: Record<string, string> = who ? { Federated: r.request.principal } : { AWS: '*' };
      record(plan, r, principal, true, checks[i], abs.statementFormula(plan));
      return;
    }
    if (publicPlans.has(plan)) return;
    record(plan, r, principal, false, checks[i], checks[i]);
  });
  if (actionRefs.size > 0) {
    // Which of each finding's actions are reachable. First without the solver: the finding's own
    // request with an action of that pattern instead, kept only when the formula holds on it and
    // the evaluator allows it (a replayed request is proof). The rest take one more round trip.
    const keep = new Map<number, Set<string>>();
    const reached = (fi: number, a: string) => {
      if (!keep.has(fi)) keep.set(fi, new Set());
      keep.get(fi)!.add(a);
    };
    const actionPos = abs.info().find((p) => p.name === 'action')!.index;
    const whole = and(base, abs.consistency());
    const actionChecks: Formula[] = [];
    const owners: Array<{ finding: number; action: string }> = [];
    findings.forEach((f, fi) => {
      if (f.action.length < 2) return;
      for (const a of f.action) {
        const ref = actionRefs.get(a);
        if (!ref) continue;
        const target = and(whole, scopes[fi], abs.formulaOf(ref));
        const concrete = (abs.predClasses(ref) ?? []).slice(0, 8).some((c) => {
          const m: Assignment = { ...assignments[fi], single: [...assignments[fi].single] };
          m.single[actionPos] = c;
          if (!evaluateFormula(target, m)) return false;
          return decideAlone(concretize(abs, m)).decision === 'Allowed';
        });
        if (concrete) reached(fi, a);
        else {
          actionChecks.push(and(scopes[fi], abs.formulaOf(ref)));
          owners.push({ finding: fi, action: a });
        }
      }
    });
    if (actionChecks.length > 0) {
      const reachable = await findRequests(abs, base, actionChecks, {
        resourceAccount: owner,
        timeoutMs,
        deadline,
        batch: true,
        replay: replayAlone,
      });
      reachable.forEach((r, i) => {
        if (r.status !== 'none') reached(owners[i].finding, owners[i].action);
      });
    }
    findings.forEach((f, fi) => {
      if (f.action.length < 2) return;
      f.action = f.action.filter((a) => keep.get(fi)?.has(a) ?? !actionRefs.has(a));
    });
  }
  let effective: EffectiveAccess | undefined;
  if (set && setAllowed) {
    // Over the whole set (the resource owner's side): one check for the resource as a whole (any
    // Allow statement of the resource policy reached by an external principal the set allows), one
    // per finding; each model is replayed by evaluating the set as `simulate` would.
    const allowed = setAllowed();
    const scenario = {
      policies: set.policies,
      resourceAccount: owner,
      ...(set.organization ? { organization: set.organization } : {}),
    };
    const decideSet = (request: ConcreteRequest) => evaluate({ ...scenario, request });
    const replaySet = (request: ConcreteRequest, assignment: Assignment): Replayed => {
      const r = decideSet(request);
      const claim = evaluateFormula(allowed, assignment);
      if (claim === (r.decision === 'Allowed')) return { replays: [r] };
      return {
        replays: [r],
        mismatch: `replay mismatch on the policy set: the encoding claims ${
          claim ? 'Allowed' : 'not allowed'
        }, the evaluator says ${r.decision} for ${JSON.stringify(request)}`,
      };
    };
    const anyStatement = or(...allowPlans.map((p) => abs.statementFormula(p)));
    const answers = await findRequests(abs, and(scope, allowed), [anyStatement, ...effectiveScopes], {
      resourceAccount: owner,
      timeoutMs,
      deadline,
      batch: true,
      replay: replaySet,
    });
    const settle = (r: SearchResult): EffectiveAccess => {
      if (r.status === 'none') return { result: 'BLOCKED' };
      if (r.status === 'unknown') return { result: 'UNKNOWN', reason: r.reason };
      const decision = r.replays[0].decision;
      const request = alignCallerAccount(
        r.request,
        options.zoneOfTrust,
        (q) => decideSet(q).decision,
        decision,
      );
      return { result: 'ALLOWED', example: { request, decision } };
    };
    effective = settle(answers[0]);
    if (effective.result === 'UNKNOWN') unknownReason ??= effective.reason;
    const restriction = rcpRestriction(set, options.resourceType);
    findings.forEach((f, i) => {
      f.resourceControlPolicyRestriction = restriction;
      f.effective = settle(answers[i + 1]);
      if (f.effective.result === 'UNKNOWN') unknownReason ??= f.effective.reason;
    });
  }
  const names = set
    ? [policy.file ?? 'resource', ...(set.policies.rcps ?? []).flat().map((r) => r.name ?? 'rcp')]
    : [policy.file ?? 'policy'];
  return {
    findings,
    ...(effective ? { effective } : {}),
    ...(unknownReason ? { unknown: { reason: unknownReason, query, policies: names } } : {}),
  };
}
