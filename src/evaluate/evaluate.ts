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
import { rcpSupportsService } from '../catalog/rcp.js';
import { splitAction } from '../policy/action.js';
import { isAccountId, parseArn } from '../policy/arn.js';
import { Context } from '../policy/context.js';
import { describePrincipal, type PrincipalMatch, type RequestPrincipal } from '../policy/principal.js';
import { type CompiledPolicy, compilePolicy, type PreparedRequest } from './compile.js';
import { allowedMessage, deniedMessage } from './message.js';
import type {
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
}

export interface EvaluationOptions {
  principalAccount?: string;
  resourceAccount?: string;
  organization?: Organization;
}

/** Compiles every policy of a set once; reuse the result for any number of requests. */
export function compilePolicySet(set: PolicySet): CompiledPolicySet {
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
  };
}

/** Keys that follow from the principal alone; never keys about the request (MFA, IP, time...).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principal-properties */
function deriveContext(p: RequestPrincipal, ctx: Context): void {
  const put = (key: string, value: string) => {
    if (!ctx.has(key)) ctx.set(key, value);
  };
  switch (p.kind) {
    case 'service':
      put('aws:PrincipalServiceName', p.text);
      put('aws:PrincipalIsAWSService', 'true');
      return;
    case 'anonymous':
    case 'webIdentity':
    case 'canonicalUser':
      return;
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
  if (p.kind === 'root' && p.account) put('aws:userid', p.account);
}

export function prepareRequest(request: Request): PreparedRequest & { contextObject: Context } {
  const principal = describePrincipal(request.principal);
  const ctx = new Context(request.context ?? {});
  deriveContext(principal, ctx);
  return {
    principal,
    action: request.action,
    actionLower: request.action.toLowerCase(),
    resource: request.resource,
    context: ctx,
    contextObject: ctx,
  };
}

/** What scanning one policy found. */
interface PolicyScan {
  allowed: boolean;
  /** The most permissive way a matching Allow statement named the principal. */
  allowMatch?: PrincipalMatch;
  denied: boolean;
}

const USES_PRINCIPAL: Record<PolicyKind, boolean> = {
  resource: true,
  rcp: true,
  vpcEndpoint: true,
  identity: false,
  boundary: false,
  session: false,
  scp: false,
};

// Ranks grants by how much they bypass implicit denies elsewhere (same account).
const PERMISSIVENESS: Record<PrincipalMatch, number> = {
  account: 1,
  role: 2,
  wildcard: 3,
  user: 3,
  session: 3,
  service: 3,
  federated: 3,
  canonical: 3,
};

class Evaluation {
  readonly matched: MatchedStatement[] = [];
  /** Absent keys, lowercased -> as first written in a policy. */
  readonly missing = new Map<string, string>();

  constructor(readonly req: PreparedRequest) {}

  scan(policy: CompiledPolicy): PolicyScan {
    const { req } = this;
    const out: PolicyScan = { allowed: false, denied: false };
    const usesPrincipal = USES_PRINCIPAL[policy.kind];
    for (const st of policy.statements) {
      if (!st.matchesAction(req.actionLower)) continue;
      let pm: PrincipalMatch | undefined;
      if (usesPrincipal) {
        if (st.matchesPrincipal) {
          pm = st.matchesPrincipal(req.principal);
          if (pm === undefined) continue;
        } else if (policy.kind === 'resource') {
          continue; // a resource-based statement without Principal grants nothing
        } else pm = 'wildcard';
      }
      if (!st.matchesResource(req.resource, req.context)) continue;
      for (const [lower, written] of st.conditionKeys) {
        if (req.context.get(lower) === undefined && !this.missing.has(lower))
          this.missing.set(lower, written);
      }
      let ok = true;
      for (const c of st.conditions) {
        if (!c(req.context)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      this.matched.push(st.info);
      if (st.effect === 'Deny') out.denied = true;
      else {
        out.allowed = true;
        if (pm && (out.allowMatch === undefined || PERMISSIVENESS[pm] > PERMISSIVENESS[out.allowMatch])) {
          out.allowMatch = pm;
        }
      }
    }
    return out;
  }

  /** Every level must have an Allow; returns [anyDeny, everyLevelAllows]. */
  scanLevels(levels: CompiledPolicy[][]): [boolean, boolean] {
    let denied = false;
    let allLevels = true;
    for (const level of levels) {
      let levelAllows = false;
      for (const p of level) {
        const s = this.scan(p);
        denied ||= s.denied;
        levelAllows ||= s.allowed;
      }
      allLevels &&= levelAllows;
    }
    return [denied, allLevels];
  }
}

const IAM_KINDS = new Set(['root', 'user', 'role', 'assumedRole', 'federatedUser']);

function resourceAccountOf(resource: string): string | undefined {
  const arn = parseArn(resource);
  return arn && isAccountId(arn.account) ? arn.account : undefined;
}

/**
 * Resources whose resource-based policy must allow even within one account: role trust policies
 * and KMS key policies. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html#policy-eval-denyallow
 */
function resourcePolicyRequired(action: string, resource: string): boolean {
  const arn = parseArn(resource);
  const service = splitAction(action)?.service.toLowerCase();
  if (service === 'kms' && arn?.service === 'kms') return true;
  return service === 'sts' && arn?.service === 'iam' && arn.resource.startsWith('role/');
}

/** Evaluates one request against compiled policies. */
export function evaluateRequest(
  set: CompiledPolicySet,
  request: Request,
  options: EvaluationOptions = {},
): EvaluationResult {
  const req = prepareRequest(request);
  const ev = new Evaluation(req);
  const p = req.principal;
  const iamPrincipal = IAM_KINDS.has(p.kind);
  const principalAccount = options.principalAccount ?? p.account;
  const resourceAccount = options.resourceAccount ?? resourceAccountOf(request.resource) ?? principalAccount;
  const mgmt = options.organization?.managementAccount;
  const service = splitAction(request.action)?.service ?? '';

  // Which guardrails apply to this request.
  const scpApplies = set.scps !== undefined && iamPrincipal && !p.serviceLinked && principalAccount !== mgmt;
  const rcpApplies =
    set.rcps !== undefined &&
    !p.serviceLinked &&
    (mgmt === undefined || resourceAccount !== mgmt) &&
    rcpSupportsService(service);

  // Scan everything first: matchedStatements lists every statement that applied.
  const [rcpDeny, rcpAllow] = rcpApplies ? ev.scanLevels(set.rcps!) : [false, true];
  const [scpDeny, scpAllow] = scpApplies ? ev.scanLevels(set.scps!) : [false, true];
  const vpce = set.vpcEndpoint ? ev.scan(set.vpcEndpoint) : undefined;
  const resource = set.resource ? ev.scan(set.resource) : undefined;
  const identity: PolicyScan = { allowed: false, denied: false };
  let boundary: PolicyScan | undefined;
  let session: PolicyScan | undefined;
  if (iamPrincipal) {
    for (const pol of set.identity) {
      const s = ev.scan(pol);
      identity.allowed ||= s.allowed;
      identity.denied ||= s.denied;
    }
    // The root user has full access to its own account's resources; boundaries and session
    // policies do not apply to it.
    if (p.kind === 'root') identity.allowed = true;
    else {
      if (set.boundary) boundary = ev.scan(set.boundary);
      if (set.session) session = ev.scan(set.session);
    }
  }

  const finish = (decision: EvaluationResult['decision'], kind?: PolicyKind): EvaluationResult => ({
    decision,
    ...(kind ? { deniedBy: kind } : {}),
    message:
      decision === 'Allowed'
        ? allowedMessage(request.principal, request.action, request.resource)
        : deniedMessage({
            principal: p.principalArn && p.kind !== 'assumedRole' ? p.principalArn : request.principal,
            action: request.action,
            resource: request.resource,
            explicit: decision === 'ExplicitDeny',
            kind: kind!,
          }),
    matchedStatements: ev.matched,
    missingContextKeys: [...ev.missing.values()].sort(),
    context: req.contextObject.toJSON(),
  });

  // 1. An explicit deny in any applicable policy wins.
  const denies: Array<[boolean, PolicyKind]> = [
    [scpDeny, 'scp'],
    [rcpDeny, 'rcp'],
    [vpce?.denied ?? false, 'vpcEndpoint'],
    [boundary?.denied ?? false, 'boundary'],
    [session?.denied ?? false, 'session'],
    [resource?.denied ?? false, 'resource'],
    [identity.denied, 'identity'],
  ];
  for (const [denied, kind] of denies) if (denied) return finish('ExplicitDeny', kind);

  // 2. Guardrails: every level of RCPs and SCPs must allow, and the VPC endpoint policy.
  if (!rcpAllow) return finish('ImplicitDeny', 'rcp');
  if (!scpAllow) return finish('ImplicitDeny', 'scp');
  if (vpce && !vpce.allowed) return finish('ImplicitDeny', 'vpcEndpoint');

  // 3. Principals that are not IAM identities are granted access only by the resource policy.
  if (!iamPrincipal) return resource?.allowed ? finish('Allowed') : finish('ImplicitDeny', 'resource');

  const boundaryOk = !boundary || boundary.allowed;
  const sessionOk = !session || session.allowed;
  const crossAccount = principalAccount !== undefined && resourceAccount !== principalAccount;

  // Principal-side checks shared by every path through identity-based policies.
  const identityPath = (): EvaluationResult => {
    if (!identity.allowed) return finish('ImplicitDeny', 'identity');
    if (!boundaryOk) return finish('ImplicitDeny', 'boundary');
    if (!sessionOk) return finish('ImplicitDeny', 'session');
    return finish('Allowed');
  };

  // 4. Cross-account: the trusting account's resource policy and the trusted account's
  //    identity-based policies (with their boundary and session limits) must both allow.
  if (crossAccount) {
    if (!resource?.allowed) return finish('ImplicitDeny', 'resource');
    return identityPath();
  }

  // 5. Same account.
  if (resourcePolicyRequired(request.action, request.resource) && !resource?.allowed) {
    return finish('ImplicitDeny', 'resource');
  }
  const grant = resource?.allowed ? resource.allowMatch : undefined;
  if (grant === 'role') {
    // A grant to the role ARN is limited by the boundary and session policy, not by identity policies.
    if (!boundaryOk) return finish('ImplicitDeny', 'boundary');
    if (!sessionOk) return finish('ImplicitDeny', 'session');
    return finish('Allowed');
  }
  if (grant !== undefined && grant !== 'account') {
    // Granted directly to the user or the session: implicit denies elsewhere do not matter.
    return finish('Allowed');
  }
  return identityPath();
}

/** Compiles and evaluates one scenario (convenience; compile once with compilePolicySet for many requests). */
export function evaluate(scenario: Scenario): EvaluationResult {
  return evaluateRequest(compilePolicySet(scenario.policies), scenario.request, {
    principalAccount: scenario.principalAccount,
    resourceAccount: scenario.resourceAccount,
    organization: scenario.organization,
  });
}
