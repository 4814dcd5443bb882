/**
 * who-can and can: every principal the snapshot allows to make one request, each decided by
 * the evaluator with its identity policies, groups, boundary, SCPs/RCPs and the resource's policy.
 */
import {
  type EvaluationResult,
  evaluateRequest,
  needsNoPermission,
  type Request,
} from '../evaluate/index.js';
import { parseArn } from '../policy/arn.js';
import type { ContextInput } from '../policy/context.js';
import type { PolicyDocument } from '../policy/model.js';
import { describePrincipal } from '../policy/principal.js';
import {
  type AccountIndex,
  ADMIN_POLICY,
  type CompiledPolicy,
  type Principal,
  type StatementRef,
} from './index-model.js';
import { missing } from './snapshot.js';

export type WhoKind =
  | 'user'
  | 'role'
  | 'session'
  | 'root'
  | 'account'
  | 'service'
  | 'anonymous'
  | 'federated'
  | 'external';

export interface WhoCanEntry {
  principal: string;
  kind: WhoKind;
  account?: string;
  /** For a role: the session ARN the decision was made for. */
  session?: string;
  /** The statements that allow it (identity, resource...). */
  statements: StatementRef[];
  /** A condition the answer rests on (e.g. the other account's own policies). */
  note?: string;
}

export interface WhoCanResult {
  action: string;
  resource: string;
  context: ContextInput;
  allowed: WhoCanEntry[];
  /** Why parts of the answer are unknown ("resource-policies.json ... is missing"). */
  unknown: string[];
}

export interface QueryOptions {
  context?: ContextInput;
  /** The account that owns the resource when its ARN has none (S3); default: the only account of the snapshot. */
  resourceAccount?: string;
}

function resourceAccountFor(index: AccountIndex, resource: string, o: QueryOptions): string | undefined {
  if (o.resourceAccount) return o.resourceAccount;
  const arn = parseArn(resource);
  if (arn && /^\d{12}$/.test(arn.account)) return arn.account;
  return index.accounts.size === 1 ? [...index.accounts.keys()][0] : undefined;
}

/** Every principal of the snapshot (and every outside principal the resource policy names) allowed the request. */
export function whoCan(
  index: AccountIndex,
  action: string,
  resource: string,
  o: QueryOptions = {},
): WhoCanResult {
  const context = o.context ?? {};
  const resourceAccount = resourceAccountFor(index, resource, o);
  const allowed: WhoCanEntry[] = [];
  const unknown: string[] = [];
  const source = index.resourcePolicySource(action, resource);
  const resourcePolicy = source?.compiled;
  const noRp = missing(index.snapshot, 'resourcePolicies');
  if (noRp && !resourcePolicy)
    unknown.push(`${noRp}: grants and denies in the resource's own policy are not known`);
  unknown.push(...index.unknowns);
  const free = needsNoPermission(action);

  for (const p of index.principals) {
    // Without an identity Allow only a resource policy can grant (or the action needs no
    // permission, sts:GetCallerIdentity): skip the evaluation then.
    if (!resourcePolicy && !free && !index.mayAllow(p, action)) continue;
    const r = index.check(p, action, resource, { context, resourceAccount });
    if (r.decision !== 'Allowed') continue;
    allowed.push({
      principal: p.arn,
      kind: p.kind,
      account: p.account,
      ...(p.kind === 'role' ? { session: p.requestArn } : {}),
      statements: index.statements(r, 'Allow'),
    });
  }

  // Root users: full access in their own account, still bound by SCPs and resource policies.
  for (const id of index.accounts.keys()) {
    const root = `arn:aws:iam::${id}:root`;
    const set = {
      ...index.guardrailSet(id),
      identity: [],
      ...(resourcePolicy ? { resource: resourcePolicy } : {}),
    };
    const r = evaluateRequest(
      set,
      { principal: root, action, resource, context },
      {
        principalAccount: id,
        resourceAccount,
        organization: index.organization(),
      },
    );
    if (r.decision === 'Allowed') {
      allowed.push({ principal: root, kind: 'root', account: id, statements: index.statements(r, 'Allow') });
    }
  }

  // Principals the resource policy names that the snapshot does not hold.
  if (source) {
    const seen = new Set(allowed.map((a) => a.principal));
    for (const st of source.compiled.statements) {
      if (st.effect !== 'Allow') continue;
      for (const candidate of namedPrincipals(source.document, st.info)) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const entry = outsider(index, source.compiled, candidate, action, resource, context, resourceAccount);
        if (entry) allowed.push(entry);
      }
    }
  }
  return { action, resource, context, allowed, unknown };
}

/** The principal values written in one statement of the resource policy (from the parsed document). */
function namedPrincipals(document: PolicyDocument, info: { statement: string }): string[] {
  const out: string[] = [];
  for (const st of document.statements) {
    if ((st.sid?.value ?? String(st.index)) !== info.statement) continue;
    const block = st.principal ?? st.notPrincipal;
    if (!block) continue;
    if (block.wildcard || st.notPrincipal) out.push('*');
    else for (const e of block.entries) out.push(e.value.value === '*' ? '*' : e.value.value);
  }
  return out;
}

function outsider(
  index: AccountIndex,
  resourcePolicy: CompiledPolicy,
  value: string,
  action: string,
  resource: string,
  context: ContextInput,
  resourceAccount: string | undefined,
): WhoCanEntry | undefined {
  const described = describePrincipal(value === '*' ? 'anonymous' : value);
  const known = described.roleArn ? index.principal(described.roleArn) : undefined;
  let principal = value;
  let kind: WhoKind;
  let note: string | undefined;
  switch (described.kind) {
    case 'anonymous':
      kind = 'anonymous';
      principal = '*';
      note = 'anyone, including anonymous callers';
      break;
    case 'service':
      kind = 'service';
      break;
    case 'webIdentity':
      kind = 'federated';
      note = 'federated users of this identity provider';
      break;
    case 'assumedRole':
      kind = 'session';
      break;
    case 'root':
      kind = index.accounts.has(described.account ?? '') ? 'root' : 'account';
      if (kind === 'account')
        note = `any principal of account ${described.account} whose own policies allow it`;
      break;
    default:
      kind = 'external';
      if (!index.accounts.has(described.account ?? ''))
        note = `if account ${described.account}'s own policies allow it`;
  }
  if (known && kind === 'session') {
    const r = index.check(known, action, resource, { context, resourceAccount, requestArn: value });
    return r.decision === 'Allowed'
      ? { principal: value, kind, account: known.account, statements: index.statements(r, 'Allow') }
      : undefined;
  }
  if (index.accounts.has(described.account ?? '') && kind !== 'root') return undefined; // decided above
  const request: Request = {
    principal: kind === 'anonymous' ? 'anonymous' : value,
    action,
    resource,
    context,
  };
  // An outside IAM principal's own policies are not in the snapshot: assume they allow, and say so.
  const identity = kind === 'account' || kind === 'external' || kind === 'session' ? [ADMIN_POLICY] : [];
  const r: EvaluationResult = evaluateRequest(
    { identity: identity.map((ref) => index.compileIdentity(ref)), resource: resourcePolicy, options: {} },
    request,
    { resourceAccount, organization: index.organization() },
  );
  if (r.decision !== 'Allowed') return undefined;
  return {
    principal,
    kind,
    ...(described.account ? { account: described.account } : {}),
    statements: index.statements(r, 'Allow').filter((s) => s.policyType !== 'identity'),
    ...(note ? { note } : {}),
  };
}

export interface CanResult {
  principal: string;
  request: Request;
  result: EvaluationResult;
  statements: StatementRef[];
  unknown: string[];
}

/** The explained decision for one principal of the snapshot (user, role, role session, or account root). */
export function can(
  index: AccountIndex,
  principalArn: string,
  action: string,
  resource: string,
  o: QueryOptions = {},
): CanResult | undefined {
  const context = o.context ?? {};
  const resourceAccount = resourceAccountFor(index, resource, o);
  const unknown = [...index.unknowns];
  const noRp = missing(index.snapshot, 'resourcePolicies');
  const rp = index.resourcePolicyFor(action, resource);
  if (noRp && !rp) unknown.push(`${noRp}: grants and denies in the resource's own policy are not known`);
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(principalArn);
  let result: EvaluationResult;
  let request: Request;
  if (root && index.accounts.has(root[1])) {
    request = { principal: principalArn, action, resource, context };
    result = evaluateRequest(
      { ...index.guardrailSet(root[1]), identity: [], ...(rp ? { resource: rp } : {}) },
      request,
      {
        principalAccount: root[1],
        resourceAccount,
        organization: index.organization(),
      },
    );
  } else {
    const p: Principal | undefined = index.principal(principalArn);
    if (!p) return undefined;
    const requestArn = principalArn.includes(':assumed-role/') ? principalArn : p.requestArn;
    request = { principal: requestArn, action, resource, context: { ...p.context, ...context } };
    result = index.check(p, action, resource, { context, resourceAccount, requestArn });
  }
  return { principal: principalArn, request, result, statements: index.statements(result), unknown };
}
