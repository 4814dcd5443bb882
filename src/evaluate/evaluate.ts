/**
 * The concrete authorizer: a request plus the policies that apply to it -> a decision, the
 * policy type that denied, and every statement that matched.
 *
 * Follows AWS's documented policy evaluation logic:
 * - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *   (deny evaluation, RCPs, SCPs, resource-based, identity-based, boundaries, session policies;
 *   the same-account table of resource-based grants vs implicit denies)
 * - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 * - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
 *   (SCPs do not affect the management account or service-linked roles)
 * - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 *   (RCPs do not affect resources in the management account or service-linked roles)
 */
import { canonicalActionName, rcpSupportedServices } from '../catalog/index.js';
import { isAccountId, parseArn } from '../policy/arn.js';
import { type ContextEntry, LayeredContext } from '../policy/context.js';
import { describePrincipal, type PrincipalMatch, type RequestPrincipal } from '../policy/principal.js';
import { type CompiledPolicy, compilePolicy, type PreparedRequest } from './compile.js';
import { allowedMessage, deniedMessage } from './message.js';
import type {
  Decision,
  EvaluationResult,
  MatchedStatement,
  Organization,
  PolicyKind,
  PolicySet,
  Request,
  Scenario,
} from './types.js';

export interface CompiledPolicySet {
  identity: CompiledPolicy[];
  resource?: CompiledPolicy;
  boundary?: CompiledPolicy;
  session?: CompiledPolicy;
  vpcEndpoint?: CompiledPolicy;
  /** Undefined when no SCPs were given (the account is not governed by SCPs). */
  scps?: CompiledPolicy[][];
  rcps?: CompiledPolicy[][];
  /** The accounts and organization given at compile time (the defaults of every evaluation). */
  options: EvaluationOptions;
}

export interface EvaluationOptions {
  principalAccount?: string;
  resourceAccount?: string;
  organization?: Organization;
}

/**
 * Compiles every policy of a set once; reuse the result for any number of requests with
 * `evaluate(compiled, request)`. `options` (the scenario's principalAccount, resourceAccount and
 * organization) apply to every request evaluated against the result.
 */
export function compilePolicySet(set: PolicySet, options: EvaluationOptions = {}): CompiledPolicySet {
  const one = (ref: PolicySet['resource'], kind: PolicyKind, name: string) =>
    ref ? compilePolicy(ref, kind, name) : undefined;
  const levels = (list: PolicySet['scps'], kind: PolicyKind, label: string) =>
    list?.map((level, i) => level.map((ref, j) => compilePolicy(ref, kind, `${label}[${i}][${j}]`)));
  return {
    identity: (set.identity ?? []).map((ref, i) => compilePolicy(ref, 'identity', `identity[${i}]`)),
    resource: one(set.resource, 'resource', 'resource'),
    boundary: one(set.permissionBoundary, 'boundary', 'permissionBoundary'),
    session: one(set.sessionPolicy, 'session', 'sessionPolicy'),
    vpcEndpoint: one(set.vpcEndpoint, 'vpcEndpoint', 'vpcEndpoint'),
    scps: levels(set.scps, 'scp', 'scps'),
    rcps: levels(set.rcps, 'rcp', 'rcps'),
    options,
  };
}

/** Keys that follow from the principal alone; never keys about the request (MFA, IP, time...).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principal-properties */
function derivedKeys(p: RequestPrincipal): Map<string, ContextEntry> {
  const out = new Map<string, ContextEntry>();
  const put = (key: string, value: string) => {
    out.set(key.toLowerCase(), { key, values: [value], multi: false });
  };
  switch (p.kind) {
    case 'service':
      put('aws:PrincipalServiceName', p.text);
      put('aws:PrincipalIsAWSService', 'true');
      return out;
    case 'anonymous':
    case 'webIdentity':
    case 'canonicalUser':
      return out;
  }
  if (p.principalArn) put('aws:PrincipalArn', p.principalArn);
  if (p.account) put('aws:PrincipalAccount', p.account);
  put('aws:PrincipalIsAWSService', 'false');
  const type = {
    root: 'Account',
    user: 'User',
    role: 'AssumedRole',
    assumedRole: 'AssumedRole',
    federatedUser: 'FederatedUser',
  }[p.kind];
  put('aws:PrincipalType', type);
  if (p.kind === 'user' && p.name) put('aws:username', p.name);
  // aws:userid: the account id for the root user, account:caller-specified-name for a federated
  // user; the unique ids of users and roles are not in their ARNs.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#principaltable
  if (p.kind === 'root' && p.account) put('aws:userid', p.account);
  if (p.kind === 'federatedUser' && p.account && p.name) put('aws:userid', `${p.account}:${p.name}`);
  return out;
}

// Principal descriptions are shared and immutable, so their derived keys are computed once. A Map
// with a cap, not a WeakMap: a WeakMap of many principals made garbage collection the largest cost
// of a run whose requests keep naming new sessions.
const derivedCache = new Map<RequestPrincipal, Map<string, ContextEntry>>();

/** The request as the evaluator sees it, with the context keys derived from the principal. */
export function prepareRequest(request: Request): PreparedRequest & { contextObject: LayeredContext } {
  const principal = describePrincipal(request.principal);
  let derived = derivedCache.get(principal);
  if (!derived) {
    if (derivedCache.size >= 10_000) derivedCache.clear();
    derived = derivedKeys(principal);
    derivedCache.set(principal, derived);
  }
  const ctx = new LayeredContext(request.context, derived);
  return {
    principal,
    action: request.action,
    actionLower: request.action.toLowerCase(),
    resource: request.resource,
    context: ctx,
    contextObject: ctx,
  };
}

// What scanning a policy found, as bit flags (no allocation per scan): ALLOW, DENY, and in the
// upper bits the most permissive way a matching Allow named the principal (GRANT_*).
const ALLOW = 1;
const DENY = 2;
const GRANT_SHIFT = 2;
const GRANT_MASK = 3 << GRANT_SHIFT;
/** Same-account effect of a resource-based grant: delegates to identity policies, limited by boundaries, direct. */
export const GRANT_ACCOUNT = 1;
export const GRANT_ROLE = 2;
export const GRANT_DIRECT = 3;

const USES_PRINCIPAL: Record<PolicyKind, boolean> = {
  resource: true,
  rcp: true,
  vpcEndpoint: true,
  identity: false,
  boundary: false,
  session: false,
  scp: false,
};

// Within one account a grant to the account delegates to identity-based policies, a grant to the
// role ARN is limited by boundaries and session policies, and a grant naming the requesting user
// or session (or everyone) applies directly.
export const GRANT: Readonly<Record<PrincipalMatch, number>> = {
  account: GRANT_ACCOUNT,
  role: GRANT_ROLE,
  wildcard: GRANT_DIRECT,
  user: GRANT_DIRECT,
  session: GRANT_DIRECT,
  service: GRANT_DIRECT,
  federated: GRANT_DIRECT,
  canonical: GRANT_DIRECT,
};

class Evaluation {
  readonly matched: MatchedStatement[] = [];
  /** Absent keys, lowercased -> as first written in a policy (allocated on first use). */
  missing: Map<string, string> | undefined;
  /** The principal is an IAM user or role (session) with a permissions boundary. */
  bounded = false;

  constructor(readonly req: PreparedRequest) {}

  scan(policy: CompiledPolicy): number {
    const { req } = this;
    let out = 0;
    const usesPrincipal = USES_PRINCIPAL[policy.kind];
    for (const st of policy.forAction(req.actionLower)) {
      let grant = 0;
      if (usesPrincipal) {
        if (st.matchesPrincipal) {
          const pm = st.matchesPrincipal(req.principal);
          if (pm !== undefined) grant = GRANT[pm];
          // "The NotPrincipal element with a Deny effect will always deny any IAM principal that
          // has a permissions boundary policy attached, regardless of the values specified in
          // the NotPrincipal element." (NotPrincipal page, key points)
          else if (!(st.notPrincipal && this.bounded && st.effect === 'Deny')) continue;
        } else if (policy.kind === 'resource') {
          continue; // a resource-based statement without Principal grants nothing
        } else grant = GRANT_DIRECT;
      }
      if (!st.matchesResource(req.resource, req.context)) continue;
      const keys = st.conditionKeys;
      for (let i = 0; i < keys.length; i++) {
        if (req.context.get(keys[i]) === undefined) {
          this.missing ??= new Map();
          if (!this.missing.has(keys[i])) this.missing.set(keys[i], st.conditionKeysWritten[i]);
        }
      }
      let ok = true;
      const conditions = st.conditions;
      for (let i = 0; i < conditions.length; i++) {
        if (!conditions[i](req.context)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      this.matched.push(st.info);
      if (st.effect === 'Deny') out |= DENY;
      else {
        out |= ALLOW;
        if (grant << GRANT_SHIFT > (out & GRANT_MASK)) out = (out & ~GRANT_MASK) | (grant << GRANT_SHIFT);
      }
    }
    return out;
  }

  /** Scans every level; ALLOW is set only when every level has an Allow. */
  scanLevels(levels: CompiledPolicy[][]): number {
    let denied = 0;
    let allLevels = ALLOW;
    for (const level of levels) {
      let levelAllows = 0;
      for (const p of level) {
        const s = this.scan(p);
        denied |= s & DENY;
        levelAllows |= s & ALLOW;
      }
      allLevels &= levelAllows;
    }
    return denied | allLevels;
  }
}

/** The result object; the message is composed only when read (most callers want the decision). */
class Result implements EvaluationResult {
  constructor(
    readonly decision: Decision,
    readonly deniedBy: PolicyKind | undefined,
    readonly matchedStatements: MatchedStatement[],
    readonly missingContextKeys: string[],
    private readonly request: Request,
    private readonly principal: RequestPrincipal,
    /** Why the request needs no permission, when it does not. */
    private readonly free?: string,
  ) {}

  get message(): string {
    const { request: r, principal: p } = this;
    // Actions match case-insensitively; messages use AWS's spelling when the reference knows it.
    const action = canonicalActionName(r.action) ?? r.action;
    if (this.free) return `${allowedMessage(r.principal, action, r.resource)}: ${this.free}`;
    if (this.decision === 'Allowed') return allowedMessage(r.principal, action, r.resource);
    return deniedMessage({
      principal: p.principalArn && p.kind !== 'assumedRole' ? p.principalArn : r.principal,
      action,
      resource: r.resource,
      explicit: this.decision === 'ExplicitDeny',
      kind: this.deniedBy!,
    });
  }

  toJSON(): object {
    return {
      decision: this.decision,
      ...(this.deniedBy ? { deniedBy: this.deniedBy } : {}),
      message: this.message,
      matchedStatements: this.matchedStatements,
      missingContextKeys: this.missingContextKeys,
    };
  }
}

/** Principal kinds that are IAM identities (identity policies, boundaries and SCPs apply to them). */
export const IAM_KINDS: ReadonlySet<string> = new Set([
  'root',
  'user',
  'role',
  'assumedRole',
  'federatedUser',
]);

/** The account field of an ARN when it is a 12-digit id (no allocation beyond the result). */
function resourceAccountOf(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  let start = 4;
  for (let i = 0; i < 3; i++) {
    start = resource.indexOf(':', start) + 1;
    if (start === 0) return undefined;
  }
  const end = resource.indexOf(':', start);
  if (end - start !== 12) return undefined;
  const account = resource.slice(start, end);
  return isAccountId(account) ? account : undefined;
}

/** The services (action prefixes) for which `resourcePolicyRequired` can hold. */
export const RESOURCE_POLICY_REQUIRED_SERVICES: readonly string[] = ['kms', 'sts'];

/**
 * Resources whose resource-based policy must allow even within one account: role trust policies
 * and KMS key policies. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow
 */
export function resourcePolicyRequired(service: string, resource: string): boolean {
  if (!RESOURCE_POLICY_REQUIRED_SERVICES.includes(service)) return false;
  const arn = parseArn(resource);
  // Only KMS keys have key policies; an alias is authorized by IAM policies alone.
  // https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html
  if (service === 'kms') return arn?.service === 'kms' && arn.resource.startsWith('key/');
  return arn?.service === 'iam' && arn.resource.startsWith('role/');
}

/** Evaluates one request against compiled policies. */
export function evaluateRequest(
  set: CompiledPolicySet,
  request: Request,
  options: EvaluationOptions = set.options,
): EvaluationResult {
  const req = prepareRequest(request);
  const ev = new Evaluation(req);
  let code = decide(set, req, ev, options);
  const missing = ev.missing === undefined ? [] : [...ev.missing.values()].sort();
  const rule = NO_PERMISSION_NEEDED.get(req.actionLower);
  const free = rule?.principals.has(req.principal.kind) ? rule.why : undefined;
  if (free) code = ALLOWED;
  return new Result(DECISIONS[code & 3], KINDS[code >> 2], ev.matched, missing, request, req.principal, free);
}

/**
 * Actions AWS performs without asking any policy: allowed with no policy at all and even when a
 * policy denies them explicitly (the policies are still scanned, so matched statements show).
 */
export const NO_PERMISSION_NEEDED: ReadonlyMap<string, { principals: ReadonlySet<string>; why: string }> =
  new Map<string, { principals: Set<string>; why: string }>([
    [
      // "No permissions are required to perform this operation. If an administrator adds a policy to
      // your IAM user or role that explicitly denies access to the sts:GetCallerIdentity action, you
      // can still perform this operation."
      // https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_request.html
      'sts:getcalleridentity',
      {
        principals: new Set(['root', 'user', 'role', 'assumedRole', 'federatedUser']),
        why: 'sts:GetCallerIdentity needs no permission, and a policy that denies it has no effect (the same information is returned when access is denied)',
      },
    ],
    [
      // "No permissions are required for a user to get a session token. The purpose of the
      // GetSessionToken operation is to authenticate the user using MFA. You cannot use policies to
      // control authentication operations." It is called with the long-term credentials of an IAM
      // user or the root user, so only they are exempt.
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html
      'sts:getsessiontoken',
      {
        principals: new Set(['root', 'user']),
        why: 'sts:GetSessionToken needs no permission: it authenticates the user (MFA), and policies cannot control authentication operations',
      },
    ],
  ]);

/** The action needs no permission for some principal (sts:GetCallerIdentity, sts:GetSessionToken): no policy can deny it. */
export function needsNoPermission(action: string): boolean {
  return NO_PERMISSION_NEEDED.has(action.toLowerCase());
}

const DECISIONS: Decision[] = ['Allowed', 'ImplicitDeny', 'ExplicitDeny'];
const KINDS: Array<PolicyKind | undefined> = [
  undefined,
  'scp',
  'rcp',
  'vpcEndpoint',
  'boundary',
  'session',
  'resource',
  'identity',
];
const ALLOWED = 0;
const implicit = (kind: number) => 1 | (kind << 2);
const explicit = (kind: number) => 2 | (kind << 2);
const K_SCP = 1;
const K_RCP = 2;
const K_VPCE = 3;
const K_BOUNDARY = 4;
const K_SESSION = 5;
const K_RESOURCE = 6;
const K_IDENTITY = 7;

/** The decision as a code: low two bits index DECISIONS, the rest indexes KINDS. */
function decide(
  set: CompiledPolicySet,
  req: PreparedRequest,
  ev: Evaluation,
  options: EvaluationOptions,
): number {
  const p = req.principal;
  const iamPrincipal = IAM_KINDS.has(p.kind);
  const principalAccount = options.principalAccount ?? p.account;
  const resourceAccount = options.resourceAccount ?? resourceAccountOf(req.resource) ?? principalAccount;
  const mgmt = options.organization?.managementAccount;
  const colon = req.actionLower.indexOf(':');
  const service = colon > 0 ? req.actionLower.slice(0, colon) : '';

  ev.bounded =
    set.boundary !== undefined && (p.kind === 'user' || p.kind === 'role' || p.kind === 'assumedRole');

  // Which guardrails apply to this request.
  const scpApplies = set.scps !== undefined && iamPrincipal && !p.serviceLinked && principalAccount !== mgmt;
  const rcpApplies =
    set.rcps !== undefined &&
    !p.serviceLinked &&
    (mgmt === undefined || resourceAccount !== mgmt) &&
    rcpSupportedServices().has(service);

  // Scan everything first: matchedStatements lists every statement that applied.
  // RCPFullAWSAccess is attached to every root, OU and account and cannot be detached, so every
  // RCP level allows implicitly: RCPs can only deny explicitly.
  // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_examples.html#example-rcp-full-aws-access
  const rcp = rcpApplies ? ev.scanLevels(set.rcps!) : ALLOW;
  const scp = scpApplies ? ev.scanLevels(set.scps!) : ALLOW;
  const vpce = set.vpcEndpoint ? ev.scan(set.vpcEndpoint) : ALLOW;
  const resource = set.resource ? ev.scan(set.resource) : 0;
  let identity = 0;
  let boundary = ALLOW;
  let session = ALLOW;
  if (iamPrincipal) {
    for (const pol of set.identity) identity |= ev.scan(pol);
    // The root user has full access to its own account's resources; boundaries and session
    // policies do not apply to it.
    if (p.kind === 'root') identity |= ALLOW;
    else {
      if (set.boundary) boundary = ev.scan(set.boundary);
      // Session policies apply only to session principals (role sessions and federated users):
      // "If the principal is not a session principal, the enforcement code returns a final
      // decision of Allow." An IAM user's requests carry no session policy.
      if (p.kind !== 'user') {
        if (set.session) session = ev.scan(set.session);
        // "If there is no session policy, the code checks whether the principal is a role session.
        // If the principal is a role session, then the request is Allowed. Otherwise, the request
        // is implicitly denied": a federated user session without a session policy has no permissions.
        else if (p.kind === 'federatedUser') session = 0;
      }
    }
  }

  // 1. An explicit deny in any applicable policy wins (AWS names one policy type).
  if (scp & DENY) return explicit(K_SCP);
  if (rcp & DENY) return explicit(K_RCP);
  if (vpce & DENY) return explicit(K_VPCE);
  if (boundary & DENY) return explicit(K_BOUNDARY);
  if (session & DENY) return explicit(K_SESSION);
  if (resource & DENY) return explicit(K_RESOURCE);
  if (identity & DENY) return explicit(K_IDENTITY);

  // 2. Guardrails: every level of SCPs must allow, and the VPC endpoint policy.
  if (!(scp & ALLOW)) return implicit(K_SCP);
  if (!(vpce & ALLOW)) return implicit(K_VPCE);

  // 3. Principals that are not IAM identities are granted access only by the resource policy.
  if (!iamPrincipal) return resource & ALLOW ? ALLOWED : implicit(K_RESOURCE);

  // 4. Cross-account: the trusting account's resource policy and the trusted account's
  //    identity-based policies (with their boundary and session limits) must both allow.
  if (principalAccount !== undefined && resourceAccount !== principalAccount) {
    if (!(resource & ALLOW)) return implicit(K_RESOURCE);
  } else {
    // 5. Same account.
    const required = resourcePolicyRequired(service, req.resource);
    if (required && !(resource & ALLOW)) return implicit(K_RESOURCE);
    const grant = resource & ALLOW ? (resource & GRANT_MASK) >> GRANT_SHIFT : 0;
    // Granted directly to the user or the session: implicit denies elsewhere do not matter...
    if (grant === GRANT_DIRECT) {
      // ...except for a user named in a role trust policy: "If a permissions boundary is set for
      // the user, then it must allow the sts:AssumeRole action."
      // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
      if (required && service === 'sts' && p.kind === 'user' && !(boundary & ALLOW))
        return implicit(K_BOUNDARY);
      return ALLOWED;
    }
    // A grant to the role ARN is limited by the boundary and session policy, not by identity policies.
    if (grant === GRANT_ROLE) identity |= ALLOW;
  }
  // Principal-side checks: identity-based policies, then the boundary and the session policy.
  if (!(identity & ALLOW)) return implicit(K_IDENTITY);
  if (!(boundary & ALLOW)) return implicit(K_BOUNDARY);
  if (!(session & ALLOW)) return implicit(K_SESSION);
  return ALLOWED;
}

// Compiled sets of the policy set objects seen: readers hand out one object per distinct set.
const compiledSets = new WeakMap<PolicySet, CompiledPolicySet>();

/**
 * Decides a request.
 * - `evaluate(compiled, request)`: against a set compiled once with `compilePolicySet` (the fast
 *   way to answer many requests);
 * - `evaluate(scenario)`: one scenario (its policy set is compiled once per set object).
 * The result has the shape `leastpriv simulate --format json` prints (`JSON.stringify(result)`).
 */
export function evaluate(compiled: CompiledPolicySet, request: Request): EvaluationResult;
export function evaluate(scenario: Scenario): EvaluationResult;
export function evaluate(first: Scenario | CompiledPolicySet, request?: Request): EvaluationResult {
  if (request !== undefined) return evaluateRequest(first as CompiledPolicySet, request);
  const scenario = first as Scenario;
  let compiled = compiledSets.get(scenario.policies);
  if (compiled === undefined) {
    compiled = compilePolicySet(scenario.policies);
    compiledSets.set(scenario.policies, compiled);
  }
  return evaluateRequest(compiled, scenario.request, {
    principalAccount: scenario.principalAccount,
    resourceAccount: scenario.resourceAccount,
    organization: scenario.organization,
  });
}
