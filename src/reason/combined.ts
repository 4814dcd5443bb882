/**
 * Questions about a principal's whole effective access: identity policies (several), the
 * permissions boundary, the session policy, every SCP and RCP level, the VPC endpoint policy and
 * the resource policy, decided together in the evaluator's order (src/evaluate/evaluate.ts
 * `decide`), encoded ONCE here over the shared abstraction (abstraction.ts):
 *
 * 1. an explicit Deny in any policy that applies wins (SCPs and boundaries only for the principals
 *    they govern, RCPs only for the services that support them);
 * 2. every SCP level must allow (RCP levels never need to: RCPFullAWSAccess is implied), and the
 *    VPC endpoint policy;
 * 3. a principal that is not an IAM identity is allowed by the resource policy alone;
 * 4. cross-account: the resource policy and the principal's side (identity policies, boundary,
 *    session policy) must both allow;
 * 5. same account: a grant naming the user or session applies directly, a grant to the role ARN
 *    stands in for the identity policies, KMS keys and role trust need the resource policy;
 * and the actions AWS performs without asking any policy (sts:GetCallerIdentity, ...).
 *
 * Every rule reads predicates over ONE request position (the principal's kind and account, the
 * action's service, the resource's shape, a statement's Principal element), each computed by the
 * evaluator's own code on the class witnesses, so the encoding is exact wherever the per-policy
 * encoding is. A model is replayed by evaluating the whole set (the same scenario `simulate`
 * reads); a mismatch is reported as UNKNOWN naming it, never as PASS.
 */
import { rcpSupportedServices } from '../catalog/index.js';
import {
  GRANT,
  GRANT_DIRECT,
  GRANT_ROLE,
  IAM_KINDS,
  NO_PERMISSION_NEEDED,
  RESOURCE_POLICY_REQUIRED_SERVICES,
  resourcePolicyRequired,
} from '../evaluate/evaluate.js';
import { evaluate } from '../evaluate/index.js';
import type { EvaluationResult, Organization, PolicyRef, PolicySet, Scenario } from '../evaluate/types.js';
import { compileActionList } from '../policy/action.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicyValue } from '../policy/parse.js';
import type { RequestPrincipal } from '../policy/principal.js';
import { compileGlob, escapeRegex, globRegexSource, globTokens, hasWildcard } from '../policy/wildcard.js';
import {
  Abstraction,
  label,
  type PolicyInput,
  type PolicyRole,
  type PredRef,
  principalOf,
  type StatementPlan,
} from './abstraction.js';
import { setDomain } from './domain.js';
import { outsideFormula, planPublic } from './external.js';
import { and, constant, evaluateFormula, FALSE, type Formula, not, or, TRUE } from './formula.js';
import { findRequest, ReplayMismatchError, type SearchResult } from './query.js';
import type { CheckReason, CheckResult, PolicyType, ReasonOptions } from './types.js';
import { DEFAULT_TIMEOUT_MS, isUndecided, startCheck, unknown } from './verify.js';

/**
 * A policy set as `leastpriv simulate` reads it, without the request: the policies, and the
 * accounts and organization they live in. The resource is owned by `resourceAccount` (default:
 * `principalAccount`, else an account no policy names); `principalAccount`, when given, is every
 * principal's account (as in the evaluator).
 */
export interface PolicySetScenario {
  policies: PolicySet;
  principalAccount?: string;
  resourceAccount?: string;
  organization?: Organization;
}

/** Where each part of a set sits among the abstraction's policies. */
export interface Layout {
  identity: number[];
  boundary?: number;
  session?: number;
  resource?: number;
  vpce?: number;
  scps?: number[][];
  rcps?: number[][];
}

/** The evaluator's name for each policy (compilePolicySet), so replayed statements can be found. */
export function layoutOf(inputs: PolicyInput[], set: PolicySet): Layout {
  const add = (ref: PolicyRef, role: PolicyRole, name: string) => {
    inputs.push({ document: ref.document, role, name: ref.name ?? name });
    return inputs.length - 1;
  };
  const one = (ref: PolicyRef | null | undefined, role: PolicyRole, name: string) =>
    ref ? add(ref, role, name) : undefined;
  const levels = (list: PolicyRef[][] | undefined, role: PolicyRole, name: string) =>
    list?.map((level, i) => level.map((ref, j) => add(ref, role, `${name}[${i}][${j}]`)));
  return {
    identity: (set.identity ?? []).map((ref, i) => add(ref, 'identity', `identity[${i}]`)),
    boundary: one(set.permissionBoundary, 'identity', 'permissionBoundary'),
    session: one(set.sessionPolicy, 'identity', 'sessionPolicy'),
    resource: one(set.resource, 'resource', 'resource'),
    vpce: one(set.vpcEndpoint, 'rcp', 'vpcEndpoint'),
    scps: levels(set.scps, 'scp', 'scps'),
    rcps: levels(set.rcps, 'rcp', 'rcps'),
  };
}

export interface Accounts {
  principalAccount?: string;
  resourceAccount: string;
  managementAccount?: string;
}

const serviceOf = (action: string) => {
  const lower = action.toLowerCase();
  const colon = lower.indexOf(':');
  return colon > 0 ? lower.slice(0, colon) : '';
};

/**
 * Registers every predicate the set's decision reads (before the abstraction is finalized) and
 * returns how to build the formula "the evaluator allows the request" (after).
 */
export function planDecision(abs: Abstraction, layout: Layout, acc: Accounts): () => Formula {
  const principal = (fn: (p: RequestPrincipal) => boolean) =>
    abs.constraint('principal', (w) => fn(principalOf(w)));
  const action = (fn: (a: string) => boolean) => abs.constraint('action', fn);
  const resource = (fn: (r: string) => boolean) => abs.constraint('resource', fn);
  // Witness material for every predicate below (the walk then covers each combination).
  for (const a of [acc.resourceAccount, acc.principalAccount, acc.managementAccount])
    if (a) abs.addPrincipalAccount(a);
  const rcpServices = [...rcpSupportedServices()];
  for (const s of new Set([...rcpServices, ...RESOURCE_POLICY_REQUIRED_SERVICES]))
    abs.addActionPattern(`${s}:*`);
  for (const a of NO_PERMISSION_NEEDED.keys()) abs.addActionPattern(a);
  abs.addResourcePattern('arn:*:kms:*:*:key/*');
  abs.addResourcePattern('arn:*:iam:*:*:role/*');

  const accountOf = (p: RequestPrincipal) => acc.principalAccount ?? p.account;
  const hasBoundary = layout.boundary !== undefined;
  const boundedKind = (p: RequestPrincipal) =>
    p.kind === 'user' || p.kind === 'role' || p.kind === 'assumedRole';
  const iam = principal((p) => IAM_KINDS.has(p.kind));
  const root = principal((p) => p.kind === 'root');
  const user = principal((p) => p.kind === 'user');
  const federatedUser = principal((p) => p.kind === 'federatedUser');
  const cross = principal((p) => {
    const a = accountOf(p);
    return a !== undefined && a !== acc.resourceAccount;
  });
  const scpApplies = principal(
    (p) => IAM_KINDS.has(p.kind) && !p.serviceLinked && accountOf(p) !== acc.managementAccount,
  );
  const notServiceLinked = principal((p) => !p.serviceLinked);
  const rcpService = action((a) => rcpSupportedServices().has(serviceOf(a)));
  const sts = action((a) => serviceOf(a) === 'sts');
  const required = RESOURCE_POLICY_REQUIRED_SERVICES.map((s) => ({
    service: action((a) => serviceOf(a) === s),
    resource: resource((r) => resourcePolicyRequired(s, r)),
  }));
  const free = [...NO_PERMISSION_NEEDED].map(([a, rule]) => ({
    action: action((w) => w.toLowerCase() === a),
    principal: principal((p) => rule.principals.has(p.kind)),
  }));

  // Statements: the body (action, resource, conditions) and, for policies that name principals,
  // the evaluator's principal rule (with the NotPrincipal + Deny + boundary case), and the kind of
  // grant a same-account resource policy makes.
  interface Stmt {
    plan: StatementPlan;
    applies?: PredRef;
    direct?: PredRef;
    role?: PredRef;
    never?: boolean;
  }
  const statements = (index: number | undefined, usesPrincipal: boolean, isResource = false): Stmt[] => {
    if (index === undefined) return [];
    return abs.plans[index].map((plan): Stmt => {
      if (!usesPrincipal) return { plan };
      const m = plan.compiled.matchesPrincipal;
      // A resource-based statement without Principal grants nothing; in an RCP or VPC endpoint
      // policy it applies to everyone.
      if (!m) return isResource ? { plan, never: true } : { plan };
      const notPrincipalDeny = plan.compiled.notPrincipal && plan.effect === 'Deny' && hasBoundary;
      const applies = principal((p) => m(p) !== undefined || (notPrincipalDeny && boundedKind(p)));
      if (!isResource || plan.effect !== 'Allow') return { plan, applies };
      return {
        plan,
        applies,
        direct: principal((p) => {
          const g = m(p);
          return g !== undefined && GRANT[g] === GRANT_DIRECT;
        }),
        role: principal((p) => {
          const g = m(p);
          return g !== undefined && GRANT[g] === GRANT_ROLE;
        }),
      };
    });
  };
  const identity = layout.identity.map((i) => statements(i, false));
  const boundary = statements(layout.boundary, false);
  const session = statements(layout.session, false);
  const resourceSts = statements(layout.resource, true, true);
  const vpce = statements(layout.vpce, true);
  const scps = layout.scps?.map((level) => level.map((i) => statements(i, false)));
  const rcps = layout.rcps?.map((level) => level.map((i) => statements(i, true)));

  return () => {
    const f = (r: PredRef) => abs.formulaOf(r);
    const body = (s: Stmt): Formula => {
      if (s.never) return FALSE;
      const parts = s.plan.parts.filter((p) => p !== s.plan.principalPart).map(f);
      return and(...parts, s.applies ? f(s.applies) : TRUE);
    };
    const some = (list: Stmt[], effect: 'Allow' | 'Deny') =>
      or(...list.filter((s) => s.plan.effect === effect).map(body));
    const levelsAllow = (levels: Stmt[][][]) =>
      and(...levels.map((level) => or(...level.map((p) => some(p, 'Allow')))));
    const levelsDeny = (levels: Stmt[][][]) => or(...levels.flat().map((p) => some(p, 'Deny')));

    const IAM = f(iam);
    const nonRootIam = and(IAM, not(f(root)));
    const scpOn = scps ? f(scpApplies) : FALSE;
    const rcpOn = rcps
      ? and(
          f(notServiceLinked),
          constant(acc.managementAccount === undefined || acc.resourceAccount !== acc.managementAccount),
          f(rcpService),
        )
      : FALSE;
    const sessionScanned = and(nonRootIam, not(f(user)));
    const resourceAllow = some(resourceSts, 'Allow');

    // 1. Explicit denies.
    const denied = or(
      scps ? and(scpOn, levelsDeny(scps)) : FALSE,
      rcps ? and(rcpOn, levelsDeny(rcps)) : FALSE,
      some(vpce, 'Deny'),
      hasBoundary ? and(nonRootIam, some(boundary, 'Deny')) : FALSE,
      layout.session !== undefined ? and(sessionScanned, some(session, 'Deny')) : FALSE,
      some(resourceSts, 'Deny'),
      and(IAM, or(...identity.map((p) => some(p, 'Deny')))),
    );
    // 2. Guardrails that must allow.
    const guardrails = and(
      scps ? or(not(scpOn), levelsAllow(scps)) : TRUE,
      layout.vpce !== undefined ? some(vpce, 'Allow') : TRUE,
    );
    // The principal's side: identity policies (or what stands in for them), boundary, session.
    const boundaryOk = hasBoundary ? or(not(nonRootIam), some(boundary, 'Allow')) : TRUE;
    const sessionOk =
      layout.session !== undefined
        ? or(not(sessionScanned), some(session, 'Allow'))
        : or(not(sessionScanned), not(f(federatedUser)));
    const identityAllow = or(f(root), ...identity.map((p) => some(p, 'Allow')));
    const principalSide = (id: Formula) => and(id, boundaryOk, sessionOk);
    // 4. Cross-account.
    const crossAccount = and(resourceAllow, principalSide(identityAllow));
    // 5. Same account.
    const isRequired = or(...required.map((r) => and(f(r.service), f(r.resource))));
    const grant = (which: 'direct' | 'role') =>
      or(
        ...resourceSts
          .filter((s) => s.plan.effect === 'Allow' && s[which])
          .map((s) => and(body(s), f(s[which]!))),
      );
    const direct = grant('direct');
    const sameAccount = and(
      not(and(isRequired, not(resourceAllow))),
      or(
        and(direct, not(and(isRequired, f(sts), f(user), not(boundaryOk)))),
        and(not(direct), principalSide(or(identityAllow, grant('role')))),
      ),
    );
    const core = and(
      not(denied),
      guardrails,
      or(
        and(not(IAM), resourceAllow), // 3.
        and(IAM, f(cross), crossAccount),
        and(IAM, not(f(cross)), sameAccount),
      ),
    );
    const needsNoPermission = or(...free.map((x) => and(f(x.action), f(x.principal))));
    return or(needsNoPermission, core);
  };
}

/** The scenario's accounts, with the resource owner settled (see PolicySetScenario). */
function accountsOf(set: PolicySetScenario, fallback: () => string): Accounts {
  return {
    principalAccount: set.principalAccount,
    resourceAccount: set.resourceAccount ?? set.principalAccount ?? fallback(),
    managementAccount: set.organization?.managementAccount,
  };
}

export interface SetVerification {
  query: string;
  /** The sets phi speaks about; they share accounts and organization (the first one's). */
  sets: PolicySetScenario[];
  resourceType?: string;
  /**
   * The property over the sets' decisions: registers its predicates (before the classes are
   * computed) and returns how to build phi from "set i allows" (after).
   */
  property: (abs: Abstraction, acc: Accounts) => (allowed: Formula[]) => Formula;
  text: { pass: string; fail: string; existingDecision?: boolean };
}

/**
 * verify (verify.ts) for questions over whole policy sets: the same deadline, build, solve,
 * settle; the replay evaluates each set as `simulate` would.
 */
/** Options of the checks over policy sets. */
export interface SetOptions extends ReasonOptions {
  /** Limits the actions to the resource type's services (as for single policies). */
  resourceType?: string;
  /**
   * Only requests by the principals this selects: `*` (every principal), a 12-digit account (its
   * root user, users, roles and sessions), a user or role ARN (a role's ARN covers its sessions, as
   * aws:PrincipalArn does), or such an ARN with `*` / `?` wildcards (every principal whose ARN or
   * aws:PrincipalArn it matches); a PASS then holds for every one of them.
   */
  principal?: string;
  /**
   * Include service-linked roles among the principals (default true). SCPs and RCPs do not govern
   * them, so a check of one SCP or RCP leaves them out.
   */
  serviceLinkedRoles?: boolean;
}

/** A `--principal` pattern's shape: a user or role ARN whose parts may hold `*` and `?`. */
const PRINCIPAL_PATTERN = /^arn:([^:]*):iam::([^:]*):(role|user)\/(.+)$/;

/**
 * Whether `who` is a principal selector `principalConstraint` accepts: `*`, a 12-digit account,
 * or a user or role ARN, exact or with `*` / `?` wildcards (undefined), else what is wrong.
 */
export function principalSelectorError(who: string): string | undefined {
  if (who === '*' || /^\d{12}$/.test(who)) return undefined;
  const m = PRINCIPAL_PATTERN.exec(who);
  if (!m || !/^[\d*?]+$/.test(m[2]) || (!hasWildcard(m[2]) && m[2].length !== 12))
    return `"${who}" is not an IAM user or role ARN or pattern (arn:aws:iam::ACCOUNT:role/NAME, wildcards * and ? allowed), a 12-digit account id or *`;
  return undefined;
}

/**
 * The request's principal is one `who` selects (see SetOptions.principal); undefined for `*` (every
 * principal). A pattern matches a principal when the shared wildcard matcher (ArnLike) matches its
 * ARN or its aws:PrincipalArn as the evaluator derives it: a role session carries its role's ARN
 * without the path, so `role/ops-*` covers the sessions of every role named `ops-...`.
 */
export function principalConstraint(abs: Abstraction, who: string): PredRef | undefined {
  if (who === '*') return undefined;
  if (/^\d{12}$/.test(who)) {
    abs.addPrincipalAccount(who);
    return abs.constraint('principal', (w) => {
      const p = principalOf(w);
      return IAM_KINDS.has(p.kind) && p.account === who;
    });
  }
  if (hasWildcard(who)) return principalPattern(abs, who);
  abs.addPrincipalValue('AWS', who);
  // A role's sessions name the role without its path: arn:aws:sts::ACCOUNT:assumed-role/NAME/...
  const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(who);
  const sessions = role ? `arn:${role[1]}:sts::${role[2]}:assumed-role/${role[3]}/` : undefined;
  return abs.constraint('principal', (w) => {
    const p = principalOf(w);
    if (w === who || p.principalArn === who) return true;
    return sessions !== undefined && p.kind === 'assumedRole' && w.startsWith(sessions);
  });
}

function principalPattern(abs: Abstraction, who: string): PredRef {
  const m = PRINCIPAL_PATTERN.exec(who);
  if (!m) throw new Error(`not a principal pattern: ${who}`);
  const [, partition, account, kind] = m;
  const matches = compileGlob(who, { arn: true });
  if (/^\d{12}$/.test(account)) abs.addPrincipalAccount(account);
  else abs.addPrincipalAccount(account.replace(/\?/g, '*'));
  // Witness material: the pattern itself (users, roles), and for roles the sessions whose role
  // ARN it matches: `arn:P:sts::A:assumed-role/NAME/...` where NAME (no `/`) matches the pattern's
  // name part, the pattern's own tokens with every wildcard kept inside the name.
  const filled = (t: string) => t.replace(/\*/g, 'example').replace(/\?/g, 'x');
  const material = [{ source: globRegexSource([who], true), ignoreCase: false }];
  const candidates = [filled(who), who.replace(/\*/g, '').replace(/\?/g, 'x')];
  if (kind === 'role') {
    const tokens = globTokens([who], true);
    let colons = 0;
    let start = 0;
    for (; start < tokens.length && colons < 5; start++) {
      const t = tokens[start];
      if (t.k === 'lit' && t.c === ':') colons++;
    }
    start += 'role/'.length;
    let name = '';
    const nameTokens = tokens.slice(start);
    // A `/` in the pattern's name part is a path: sessions (whose aws:PrincipalArn has none) never match.
    const pathLiteral = nameTokens.some((t) => t.k === 'lit' && t.c === '/');
    for (const t of pathLiteral ? [] : nameTokens) {
      if (t.k === 'lit') name += escapeRegex(t.c);
      else name += `${t.anyColon ? '[^/]' : '[^:/]'}${t.k === 'star' ? '*' : ''}`;
    }
    const prefix = globRegexSource([`arn:${partition}:sts::${account}:assumed-role/`], true);
    if (!pathLiteral) material.push({ source: `${prefix}${name}\\/.*`, ignoreCase: false });
    const roleName = filled(m[4]);
    if (!roleName.includes('/'))
      candidates.push(
        `arn:${filled(partition)}:sts::${filled(account)}:assumed-role/${roleName}/leastpriv-session`,
      );
  }
  abs.addPrincipalPattern(material[0], candidates);
  if (material[1]) abs.addPrincipalPattern(material[1]);
  return abs.constraint('principal', (w) => {
    const p = principalOf(w);
    if (!IAM_KINDS.has(p.kind)) return false;
    return (
      matches(w) || (p.kind === 'assumedRole' && p.principalArn !== undefined && matches(p.principalArn))
    );
  });
}

export async function verifySets(v: SetVerification, options: SetOptions): Promise<CheckResult> {
  const deadline = startCheck(options);
  const inputs: PolicyInput[] = [];
  const layouts = v.sets.map((s) => layoutOf(inputs, s.policies));
  const docs = inputs.map((p) => p.document);
  let abs: Abstraction | undefined;
  let result: SearchResult;
  let acc: Accounts;
  try {
    abs = new Abstraction(inputs, deadline);
    const a = abs;
    // The resource owner: the set's, else the account of the principal asked about, else fresh.
    const whose = options.principal === undefined ? undefined : principalOf(options.principal).account;
    acc = accountsOf(v.sets[0], () => (whose && /^\d{12}$/.test(whose) ? whose : a.fresh(1)));
    const builders = layouts.map((l) => planDecision(a, l, acc));
    const facts = setDomain(a, acc.resourceAccount, v.resourceType);
    const only = options.principal !== undefined ? principalConstraint(a, options.principal) : undefined;
    const notServiceLinked =
      options.serviceLinkedRoles === false
        ? a.constraint('principal', (w) => !principalOf(w).serviceLinked)
        : undefined;
    const phi = v.property(a, acc);
    a.finalize();
    const allowed = builders.map((b) => b());
    const scenarios = v.sets.map(
      (s): Omit<Scenario, 'request'> => ({
        policies: s.policies,
        ...(acc.principalAccount ? { principalAccount: acc.principalAccount } : {}),
        resourceAccount: acc.resourceAccount,
        ...(s.organization ? { organization: s.organization } : {}),
      }),
    );
    const restrict = and(
      only ? a.formulaOf(only) : TRUE,
      notServiceLinked ? a.formulaOf(notServiceLinked) : TRUE,
    );
    result = await findRequest(a, and(facts(), restrict, phi(allowed)), {
      resourceAccount: acc.resourceAccount,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      deadline,
      replay: (request, assignment) => {
        const replays = scenarios.map((s) => evaluate({ ...s, request }));
        const bad = replays.findIndex(
          (r, i) => evaluateFormula(allowed[i], assignment) !== (r.decision === 'Allowed'),
        );
        return {
          replays,
          ...(bad < 0
            ? {}
            : {
                mismatch: `replay mismatch on policy set ${bad}: the encoding claims ${
                  evaluateFormula(allowed[bad], assignment) ? 'Allowed' : 'not allowed'
                }, the evaluator says ${replays[bad].decision} for ${JSON.stringify(request)}`,
              }),
        };
      },
    });
  } catch (error) {
    if (isUndecided(error)) return unknown(abs, v.query, error.message, docs);
    // The encoding and the evaluator disagree: loudly, and never as a PASS.
    if (error instanceof ReplayMismatchError) return unknown(abs, v.query, error.message, docs);
    throw error;
  }
  if (result.status === 'unknown') return unknown(abs, v.query, result.reason, docs);
  if (result.status === 'none') return { result: 'PASS', message: v.text.pass, reasons: [] };
  return {
    result: 'FAIL',
    message: v.text.fail,
    reasons: grantingStatements(abs, inputs, layouts[0], result.replays[0]),
    counterexample: {
      request: result.request,
      ...(acc.principalAccount ? { principalAccount: acc.principalAccount } : {}),
      resourceAccount: acc.resourceAccount,
      decision: result.replays[0].decision,
      ...(v.text.existingDecision ? { existingPolicyDecision: result.replays[1].decision } : {}),
    },
  };
}

/** The identity and resource Allow statements the replay of the first set matched. */
function grantingStatements(
  abs: Abstraction,
  inputs: PolicyInput[],
  layout: Layout,
  replay: EvaluationResult,
): CheckReason[] {
  const out: CheckReason[] = [];
  const granting = [...layout.identity, ...(layout.resource !== undefined ? [layout.resource] : [])];
  for (const i of granting) {
    // Not the stand-ins a check adds (the requester's allow-all identity policy).
    if (inputs[i].name?.startsWith('leastpriv-')) continue;
    for (const plan of abs.plans[i]) {
      if (plan.effect !== 'Allow') continue;
      const hit = replay.matchedStatements.some(
        (m) => m.effect === 'Allow' && m.policy === inputs[i].name && m.statement === label(plan.statement),
      );
      if (!hit) continue;
      const sid = plan.statement.sid?.value;
      out.push({
        description: `Statement ${sid ? `'${sid}' ` : ''}at index ${plan.statement.index} of ${inputs[i].name} grants the access.`,
        statementIndex: plan.statement.index,
        ...(sid !== undefined ? { statementId: sid } : {}),
      });
    }
  }
  return out;
}

/**
 * The set with one more policy in the place its type gives it: an identity policy joins the
 * identity policies, a resource policy replaces the set's, an SCP or RCP is a level of its own
 * below the set's levels (attached to the account).
 */
export function withPolicy(
  set: PolicySetScenario,
  policy: PolicyDocument,
  policyType: PolicyType,
  name = 'policy',
): PolicySetScenario {
  const ref = { name, document: policy };
  const p = set.policies;
  switch (policyType) {
    case 'IDENTITY_POLICY':
      return { ...set, policies: { ...p, identity: [...(p.identity ?? []), ref] } };
    case 'RESOURCE_POLICY':
      return { ...set, policies: { ...p, resource: ref } };
    case 'SERVICE_CONTROL_POLICY':
      return { ...set, policies: { ...p, scps: [...(p.scps ?? []), [ref]] } };
    case 'RESOURCE_CONTROL_POLICY':
      return { ...set, policies: { ...p, rcps: [...(p.rcps ?? []), [ref]] } };
  }
}

const doc = (statements: unknown[]) => parsePolicyValue({ Version: '2012-10-17', Statement: statements });

/**
 * The set a single RCP is checked in: everything else allows everyone (an identity policy and a
 * resource policy granting every principal), so "the set allows" is "the RCP does not deny".
 */
export function rcpAlone(policy: PolicyDocument, name = 'policy'): PolicySetScenario {
  return {
    policies: {
      identity: [
        { name: 'leastpriv-allow-all', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
      ],
      resource: {
        name: 'leastpriv-allow-everyone',
        document: doc([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]),
      },
      rcps: [[{ name, document: policy }]],
    },
  };
}

// --- the checks over policy sets ------------------------------------------------------------------

/** What each check over policy sets asks the solver, as its UNKNOWN answer names it. */
export const SET_QUERIES = {
  'check-no-new-access': 'check-no-new-access: exists request . new set allows AND NOT existing set allows',
  'check-access-not-granted': 'check-access-not-granted: exists request in ACCESS . policy set allows',
  'check-no-public-access': 'check-no-public-access: exists public request . resource policy and RCPs allow',
} as const;

/**
 * CheckNoNewAccess over whole policy sets: does `newSet` allow any request that `existingSet`
 * does not? The sets share accounts and organization (`newSet`'s).
 */
export function checkSetNoNewAccess(
  newSet: PolicySetScenario,
  existingSet: PolicySetScenario,
  options: SetOptions,
): Promise<CheckResult> {
  return verifySets(
    {
      query: SET_QUERIES['check-no-new-access'],
      sets: [
        newSet,
        {
          ...existingSet,
          principalAccount: newSet.principalAccount,
          resourceAccount: newSet.resourceAccount,
          organization: newSet.organization,
        },
      ],
      resourceType: options.resourceType,
      property: () => (allowed) => and(allowed[0], not(allowed[1])),
      text: {
        pass: 'The modified policy set grants no new access compared to the existing one.',
        fail: 'The modified policy set grants new access compared to the existing one.',
        existingDecision: true,
      },
    },
    options,
  );
}

/** CheckAccessNotGranted over a whole policy set: does the set allow any of the listed access? */
export function checkSetAccessNotGranted(
  set: PolicySetScenario,
  access: { actions?: string[]; resources?: string[] },
  options: SetOptions,
): Promise<CheckResult> {
  return verifySets(
    {
      query: SET_QUERIES['check-access-not-granted'],
      sets: [set],
      resourceType: options.resourceType,
      property: (abs) => {
        const within = accessConstraint(abs, access);
        return (allowed) => and(allowed[0], within());
      },
      text: {
        pass: 'The policy set does not grant access to perform the listed actions or resources.',
        fail: 'The policy set grants access to perform one or more of the listed actions or resources.',
      },
    },
    options,
  );
}

/**
 * What decides access to the set's resource for a principal outside the resource owner's account:
 * the resource policy, the owner's RCP levels and VPC endpoint policy. The requester's identity
 * policies, boundary, session policy and SCPs are not the owner's to know: its identity policies
 * are taken to allow everything and its SCPs not to deny (as Access Analyzer assumes).
 */
export function ownerSet(set: PolicySetScenario): PolicySetScenario {
  const p = set.policies;
  return {
    ...set,
    principalAccount: undefined,
    resourceAccount: set.resourceAccount ?? set.principalAccount,
    policies: {
      identity: [
        { name: 'leastpriv-allow-all', document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
      ],
      // A federated user's session policy too (without one it has no permissions at all).
      sessionPolicy: {
        name: 'leastpriv-allow-all-session',
        document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
      },
      resource: p.resource ?? null,
      ...(p.rcps ? { rcps: p.rcps } : {}),
      ...(p.vpcEndpoint ? { vpcEndpoint: p.vpcEndpoint } : {}),
    },
  };
}

/**
 * CheckNoPublicAccess with the resource owner's guardrails: can the set's resource policy, under
 * its RCP levels (and VPC endpoint policy), allow a public request? The requester's side is not
 * the owner's to know: its identity policies are taken to allow everything and its SCPs not to
 * deny (as Access Analyzer assumes), so the set's identity policies, boundary, session policy and
 * SCPs play no part.
 */
export function checkSetNoPublicAccess(
  set: PolicySetScenario,
  options: SetOptions & { resourceType: string },
): Promise<CheckResult> {
  const owner = ownerSet(set);
  return verifySets(
    {
      query: SET_QUERIES['check-no-public-access'],
      sets: [owner],
      resourceType: options.resourceType,
      property: (abs, acc) => {
        const plan = planPublic(abs);
        // Public means outside the resource owner's account.
        const outsideOwner = abs.constraint('principal', (w) => {
          const q = principalOf(w);
          return !IAM_KINDS.has(q.kind) || q.account !== acc.resourceAccount;
        });
        return (allowed) => and(allowed[0], outsideFormula(abs, plan), abs.formulaOf(outsideOwner));
      },
      text: {
        pass: 'The resource policy does not grant public access for this resource type.',
        fail: 'The resource policy grants public access for this resource type.',
      },
    },
    options,
  );
}

/** "The request is in ACCESS": its action is one listed and its resource one listed (either list may be absent). */
export function accessConstraint(
  abs: Abstraction,
  access: { actions?: string[]; resources?: string[] },
): () => Formula {
  const refs: PredRef[] = [];
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
  return () => and(...refs.map((r) => abs.formulaOf(r)));
}
