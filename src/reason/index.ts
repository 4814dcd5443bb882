/**
 * Proved policy checks and external-access findings (IAM Access Analyzer's questions, answered
 * offline, with a concrete counterexample the evaluator replays). Every query is a few lines over
 * one generic search (query.ts `findRequest`): "is there a request on which the decisions of the
 * policies satisfy phi?" None found on an exact (or over-approximating) abstraction is a proof.
 *
 * - checkNoNewAccess(new, old)        phi = new allows AND NOT old allows        (implies)
 * - checkAccessNotGranted(p, access)  phi = p allows AND request in access       (disjoint)
 * - checkNoPublicAccess(p, type)      phi = p allows AND request is public       (never-allows)
 * - analyzeExternalAccess(p, zone)    phi = p allows AND request is external, per statement
 *
 * See docs/reasoning.md for the encoding and its soundness argument.
 */
import { probeArn, resourceTypeNames, resourceTypeRecord } from '../catalog/resource-types.js';
import { compileActionList } from '../policy/action.js';
import { isAccountId, parseArn } from '../policy/arn.js';
import type { PolicyDocument } from '../policy/model.js';
import { compileGlob } from '../policy/wildcard.js';
import {
  Abstraction,
  label,
  type PolicyRole,
  type PredRef,
  principalOf,
  type StatementPlan,
  wellFormedPrincipal,
} from './abstraction.js';
import { outsideFormula, planExternal, planPublic, type ZoneOfTrust } from './external.js';
import { and, type Formula, inSet, not, TRUE } from './formula.js';
import {
  type ConcreteRequest,
  type Found,
  findRequest,
  findRequests,
  ReplayMismatchError,
  replayPolicy,
  type SearchResult,
} from './query.js';
import { AbstractionTooLarge } from './witness.js';

/** A query the reasoner cannot answer at all (as opposed to UNKNOWN for one instance). */
export class UnsupportedQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedQueryError';
  }
}

export type PolicyType =
  | 'IDENTITY_POLICY'
  | 'RESOURCE_POLICY'
  | 'SERVICE_CONTROL_POLICY'
  | 'RESOURCE_CONTROL_POLICY';

export interface CheckReason {
  description: string;
  statementIndex: number;
  statementId?: string;
}

export interface CheckResult {
  result: 'PASS' | 'FAIL' | 'UNKNOWN';
  message: string;
  reasons: CheckReason[];
  counterexample?: {
    request: ConcreteRequest;
    resourceAccount?: string;
    decision: string;
    existingPolicyDecision?: string;
  };
  /** Why no answer could be given (solver timeout or crash, abstraction too large, approximation). */
  unknown?: { reason: string; query: string; policies: string[] };
}

export interface ReasonOptions {
  /** Solver timeout per check, in milliseconds (default 10 000). */
  timeoutMs?: number;
}

export { shutdownSolver, warmUp } from './solver.js';
export { type ConcreteRequest, ReplayMismatchError, type ZoneOfTrust };

/** The resource types whose policies are limited to their services' actions (the catalog's records). */
export function reasonResourceTypes(): string[] {
  return resourceTypeNames();
}

export function servicesForResourceType(resourceType: string | undefined): string[] | undefined {
  const services = resourceTypeRecord(resourceType)?.services;
  return services ? [...services] : undefined;
}

function roleOf(policyType: PolicyType): PolicyRole {
  switch (policyType) {
    case 'IDENTITY_POLICY':
      return 'identity';
    case 'RESOURCE_POLICY':
      return 'resource';
    case 'SERVICE_CONTROL_POLICY':
      return 'scp';
    case 'RESOURCE_CONTROL_POLICY':
      // RCPs only deny, and only for the services that support them: not encoded yet.
      throw new UnsupportedQueryError('RESOURCE_CONTROL_POLICY is not supported by the reasoner yet');
  }
}

const IAM_IDENTITY_KINDS = new Set(['user', 'role', 'assumedRole', 'federatedUser']);
const IAM_ALL_KINDS = new Set(['root', ...IAM_IDENTITY_KINDS]);

/** Facts every query adds: who can be the principal, which actions a resource type admits. */
function domain(
  abs: Abstraction,
  role: PolicyRole,
  resourceAccount: string,
  resourceType?: string,
): () => Formula {
  // Only well-formed principals (12-digit accounts): the abstraction covers every string, and
  // counterexamples from malformed ARNs would prove nothing about real requests.
  const parts: Array<ReturnType<Abstraction['constraint']>> = [
    abs.constraint('principal', (w) => wellFormedPrincipal(w, abs.namedPrincipals)),
  ];
  if (role === 'identity' || role === 'scp') {
    // Identity policies and SCPs govern IAM identities (not the root user for identity policies,
    // never service-linked roles for SCPs).
    parts.push(
      abs.constraint('principal', (w) => {
        const p = principalOf(w);
        return IAM_IDENTITY_KINDS.has(p.kind) && !p.serviceLinked && p.account !== undefined;
      }),
    );
  } else {
    // Replays put the resource in `resourceAccount`; its own principals are a different question.
    // (Only IAM principals have identity policies; federated and service principals are decided by
    // the resource policy wherever their provider lives.)
    parts.push(
      abs.constraint('principal', (w) => {
        const p = principalOf(w);
        return !IAM_ALL_KINDS.has(p.kind) || p.account !== resourceAccount;
      }),
    );
  }
  const record = resourceTypeRecord(resourceType);
  const probe = record && probeArn(record, { account: resourceAccount });
  if (probe) abs.probeResource = probe;
  const services = servicesForResourceType(resourceType);
  if (services) {
    for (const s of services) abs.addActionPattern(`${s}:*`);
    const m = compileActionList(services.map((s) => `${s}:*`));
    parts.push(abs.constraint('action', (w) => m(w.toLowerCase())));
  }
  return () => and(...parts.map((p) => abs.formulaOf(p)));
}

function describePolicies(abs: Abstraction): string[] {
  return abs.policies.map((p, i) => p.document.file ?? p.name ?? `policy${i}`);
}

function unknown(
  abs: Abstraction | undefined,
  query: string,
  reason: string,
  docs: PolicyDocument[],
): CheckResult {
  return {
    result: 'UNKNOWN',
    message: `The reasoner could not decide this check: ${reason}. This is not a PASS.`,
    reasons: [],
    unknown: {
      reason,
      query,
      policies: abs ? describePolicies(abs) : docs.map((d, i) => d.file ?? `policy${i}`),
    },
  };
}

/** Allow statements of policy `index` that the model satisfies. */
function grantingStatements(abs: Abstraction, found: Found, index: number): CheckReason[] {
  const out: CheckReason[] = [];
  for (const plan of abs.plans[index]) {
    if (plan.effect !== 'Allow') continue;
    const replayed = found.replays[index].matchedStatements.some(
      (m) => m.effect === 'Allow' && m.statement === label(plan.statement),
    );
    if (!replayed) continue;
    out.push(reason(plan));
  }
  return out;
}

function reason(plan: StatementPlan): CheckReason {
  const st = plan.statement;
  const sid = st.sid?.value;
  return {
    description: `Statement ${sid ? `'${sid}' ` : ''}at index ${st.index} grants the access.`,
    statementIndex: st.index,
    ...(sid !== undefined ? { statementId: sid } : {}),
  };
}

/** Runs one search with the failure modes every query shares (too large, solver unknown). */
async function guarded(
  query: string,
  docs: PolicyDocument[],
  build: () => { abs: Abstraction; phi: Formula; resourceAccount: string },
  options: ReasonOptions,
): Promise<{ abs?: Abstraction; result: SearchResult | CheckResult; resourceAccount?: string }> {
  let built: ReturnType<typeof build>;
  try {
    built = build();
  } catch (error) {
    if (error instanceof AbstractionTooLarge)
      return { result: unknown(undefined, query, error.message, docs) };
    throw error;
  }
  const res = await findRequest(built.abs, built.phi, {
    resourceAccount: built.resourceAccount,
    timeoutMs: options.timeoutMs,
  });
  if (res.status === 'unknown')
    return { abs: built.abs, result: unknown(built.abs, query, res.reason, docs) };
  return { abs: built.abs, result: res, resourceAccount: built.resourceAccount };
}

/**
 * The counterexample as a runnable scenario: the request, and the account the replay put the
 * resource in (the principal's own account for identity policies and SCPs, the analysed
 * resource's owner for resource policies), so `leastpriv simulate` reproduces the decision.
 * For identity policies and SCPs the principal is moved into the resource ARN's account when
 * the ARN names one and every replay still decides the same, so the example reads naturally.
 */
function counterexampleOf(abs: Abstraction, result: Found, role: PolicyRole, owner: string | undefined) {
  let request = result.request;
  if (role === 'identity' || role === 'scp') {
    const moved = movePrincipalToResourceAccount(request);
    if (
      moved &&
      abs.policies.every((_, i) => {
        const own = principalOf(moved.principal).account ?? owner ?? '';
        return replayPolicy(abs, i, moved, own).decision === result.replays[i].decision;
      })
    ) {
      request = moved;
    }
  }
  const own = role === 'identity' || role === 'scp' ? principalOf(request.principal).account : undefined;
  const resourceAccount = own ?? owner;
  return {
    request,
    ...(resourceAccount ? { resourceAccount } : {}),
    decision: result.replays[0].decision,
  };
}

/** The request with the principal's account (in its ARN and context values) replaced by the resource ARN's. */
function movePrincipalToResourceAccount(request: ConcreteRequest): ConcreteRequest | undefined {
  const from = principalOf(request.principal).account;
  const to = parseArn(request.resource)?.account;
  if (!from || !to || !isAccountId(to) || from === to) return undefined;
  const swap = (v: string) => v.split(from).join(to);
  const context: ConcreteRequest['context'] = {};
  for (const [k, v] of Object.entries(request.context)) {
    context[k] = Array.isArray(v)
      ? v.map((x) => (typeof x === 'string' ? swap(x) : x))
      : typeof v === 'string'
        ? swap(v)
        : v;
  }
  return { ...request, principal: swap(request.principal), context };
}

/** The CheckResult for a finished search: PASS when no request exists, FAIL with the replayed example. */
function settle(
  abs: Abstraction | undefined,
  result: SearchResult | CheckResult,
  role: PolicyRole,
  owner: string | undefined,
  text: { pass: string; fail: string; existingDecision?: boolean },
): CheckResult {
  if ('result' in result) return result;
  if (result.status === 'none') return { result: 'PASS', message: text.pass, reasons: [] };
  if (result.status !== 'found') throw new Error('unreachable');
  return {
    result: 'FAIL',
    message: text.fail,
    reasons: grantingStatements(abs!, result, 0),
    counterexample: {
      ...counterexampleOf(abs!, result, role, owner),
      ...(text.existingDecision ? { existingPolicyDecision: result.replays[1].decision } : {}),
    },
  };
}

/**
 * CheckNoNewAccess: does `newPolicy` allow any request that `existingPolicy` does not?
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html
 */
export async function checkNoNewAccess(
  newPolicy: PolicyDocument,
  existingPolicy: PolicyDocument,
  options: ReasonOptions & { policyType: PolicyType; resourceType?: string },
): Promise<CheckResult> {
  const role = roleOf(options.policyType);
  const query = 'check-no-new-access: exists request . new allows AND NOT existing allows';
  const {
    abs,
    result,
    resourceAccount: owner,
  } = await guarded(
    query,
    [newPolicy, existingPolicy],
    () => {
      const abs = new Abstraction([
        { document: newPolicy, role, name: 'new' },
        { document: existingPolicy, role, name: 'existing' },
      ]);
      const owner = abs.fresh(1);
      const dom = domain(abs, role, owner, options.resourceType);
      abs.finalize();
      return { abs, phi: and(dom(), abs.allows(0), not(abs.allows(1))), resourceAccount: owner };
    },
    options,
  );
  return settle(abs, result, role, owner, {
    pass: 'The modified permissions grant no new access compared to your existing policy.',
    fail: 'The modified permissions grant new access compared to your existing policy.',
    existingDecision: true,
  });
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
export async function checkAccessNotGranted(
  policy: PolicyDocument,
  access: AccessSpec,
  options: ReasonOptions & { policyType: PolicyType; resourceType?: string },
): Promise<CheckResult> {
  const role = roleOf(options.policyType);
  const query = 'check-access-not-granted: exists request in ACCESS . policy allows';
  const {
    abs,
    result,
    resourceAccount: owner,
  } = await guarded(
    query,
    [policy],
    () => {
      const abs = new Abstraction([{ document: policy, role, name: 'policy' }]);
      const owner = abs.fresh(1);
      const dom = domain(abs, role, owner, options.resourceType);
      const refs: Array<ReturnType<Abstraction['constraint']>> = [];
      if (access.actions && access.actions.length > 0) {
        for (const a of access.actions) abs.addActionPattern(a);
        const m = compileActionList(access.actions);
        refs.push(abs.constraint('action', (w) => m(w.toLowerCase())));
      }
      if (access.resources && access.resources.length > 0) {
        for (const r of access.resources) abs.addResourcePattern(r);
        const ms = access.resources.map((r) => compileGlob(r, { arn: r.startsWith('arn:') }));
        refs.push(abs.constraint('resource', (w) => ms.some((m) => m(w))));
      }
      abs.finalize();
      const inAccess = and(...refs.map((r) => abs.formulaOf(r)));
      return { abs, phi: and(dom(), abs.allows(0), inAccess), resourceAccount: owner };
    },
    options,
  );
  return settle(abs, result, role, owner, {
    pass: 'The policy document does not grant access to perform the listed actions or resources.',
    fail: 'The policy document grants access to perform one or more of the listed actions or resources.',
  });
}

/**
 * CheckNoPublicAccess: can a resource policy allow a request from anyone (an anonymous principal or
 * a principal in an account nobody named, with no scoping key pinned to a named value)?
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html
 */
export async function checkNoPublicAccess(
  policy: PolicyDocument,
  options: ReasonOptions & { resourceType: string },
): Promise<CheckResult> {
  const query = 'check-no-public-access: exists public request . policy allows';
  const {
    abs,
    result,
    resourceAccount: owner,
  } = await guarded(
    query,
    [policy],
    () => {
      const abs = new Abstraction([{ document: policy, role: 'resource', name: 'policy' }]);
      const owner = abs.fresh(1);
      const dom = domain(abs, 'resource', owner, options.resourceType);
      const plan = planPublic(abs);
      abs.finalize();
      return { abs, phi: and(dom(), abs.allows(0), outsideFormula(abs, plan)), resourceAccount: owner };
    },
    options,
  );
  return settle(abs, result, 'resource', owner, {
    pass: 'The resource policy does not grant public access for this resource type.',
    fail: 'The resource policy grants public access for this resource type.',
  });
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
}

export interface AnalyzeResult {
  findings: ExternalAccessFinding[];
  unknown?: { reason: string; query: string; policies: string[] };
}

function findingPrincipal(w: string, publicClass: boolean): Record<string, string> {
  const p = principalOf(w);
  if (p.kind === 'anonymous' || publicClass) return { AWS: '*' };
  if (p.kind === 'root' && p.account) return { AWS: p.account };
  if (p.kind === 'service') return { Service: p.text };
  if (p.kind === 'webIdentity') return { Federated: p.text };
  if (p.kind === 'canonicalUser') return { CanonicalUser: p.text };
  if (w.includes('leastpriv-probe') || p.kind === 'root') return { AWS: p.account ?? w };
  return { AWS: p.kind === 'assumedRole' ? (p.roleArn ?? w) : w };
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
  options: ReasonOptions & { resourceType?: string; resourceArn?: string; zoneOfTrust: ZoneOfTrust },
): Promise<AnalyzeResult> {
  const query = 'analyze: exists external request . policy allows';
  let abs: Abstraction;
  let base: Formula;
  let pubFormula: Formula;
  let owner: string;
  let extPrincipal: PredRef;
  const actionRefs = new Map<string, ReturnType<Abstraction['constraint']>>();
  try {
    abs = new Abstraction([{ document: policy, role: 'resource', name: 'policy' }]);
    owner = options.zoneOfTrust.accounts[0] ?? abs.fresh(1);
    const dom = domain(abs, 'resource', owner, options.resourceType);
    let resourceRef: ReturnType<Abstraction['constraint']> | undefined;
    if (options.resourceArn) {
      const arn = options.resourceArn;
      abs.addResourcePattern(arn);
      resourceRef = abs.constraint('resource', (w) => w === arn);
    }
    const pub = planPublic(abs);
    const ext = planExternal(abs, options.zoneOfTrust);
    extPrincipal = ext.principal;
    // With Deny statements, a statement's actions are not all reachable: keep a predicate per
    // action value to report only the actions the external principal can perform.
    if (abs.plans[0].some((p) => p.effect === 'Deny')) {
      for (const plan of abs.plans[0]) {
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
    base = and(
      dom(),
      abs.allows(0),
      outsideFormula(abs, ext),
      resourceRef ? abs.formulaOf(resourceRef) : TRUE,
    );
    pubFormula = outsideFormula(abs, pub);
  } catch (error) {
    if (error instanceof AbstractionTooLarge) {
      return { findings: [], unknown: { reason: error.message, query, policies: [policy.file ?? 'policy'] } };
    }
    throw error;
  }
  const principalInfo = abs.info().find((p) => p.name === 'principal')!;
  const allowPlans = abs.plans[0].filter((p) => p.effect === 'Allow');
  const search = (checks: Formula[]) =>
    findRequests(abs, base, checks, { resourceAccount: owner, timeoutMs: options.timeoutMs });
  const findings: ExternalAccessFinding[] = [];
  const seen = new Set<string>();
  let unknownReason: string | undefined;
  const scopes: Formula[] = [];
  const record = (
    plan: StatementPlan,
    r: SearchResult,
    principal: Record<string, string>,
    isPublic: boolean,
    scope: Formula,
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
      example: { request: r.request, decision: r.replays[0].decision },
    });
    scopes.push(scope);
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
    return findingPrincipal(w, account !== undefined && !abs.mentionedAccounts.has(account));
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
      record(plan, r, { AWS: '*' }, true, checks[i]);
      return;
    }
    if (publicPlans.has(plan)) return;
    record(plan, r, principal, false, checks[i]);
  });
  if (actionRefs.size > 0) {
    // One more round trip: which of each finding's actions are reachable.
    const actionChecks: Formula[] = [];
    const owners: Array<{ finding: number; action: string }> = [];
    findings.forEach((f, fi) => {
      if (f.action.length < 2) return;
      for (const a of f.action) {
        const ref = actionRefs.get(a);
        if (!ref) continue;
        actionChecks.push(and(scopes[fi], abs.formulaOf(ref)));
        owners.push({ finding: fi, action: a });
      }
    });
    if (actionChecks.length > 0) {
      const reachable = await findRequests(abs, base, actionChecks, {
        resourceAccount: owner,
        timeoutMs: options.timeoutMs,
        batch: true,
      });
      const keep = new Map<number, Set<string>>();
      reachable.forEach((r, i) => {
        if (r.status === 'none') return;
        const o = owners[i];
        if (!keep.has(o.finding)) keep.set(o.finding, new Set());
        keep.get(o.finding)!.add(o.action);
      });
      findings.forEach((f, fi) => {
        if (f.action.length < 2) return;
        f.action = f.action.filter((a) => keep.get(fi)?.has(a) ?? !actionRefs.has(a));
      });
    }
  }
  return {
    findings,
    ...(unknownReason
      ? { unknown: { reason: unknownReason, query, policies: [policy.file ?? 'policy'] } }
      : {}),
  };
}
