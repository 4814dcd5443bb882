/**
 * Concrete requests the analysis evaluates: a probe ARN for an action (from the Service
 * Authorization Reference's ARN formats), the requests that decide "administrator-equivalent",
 * resources instantiated from a principal's own statements, and witnesses of "not a subset".
 */
import { actionResourceTypes, arnFormatParts, expandActionInfos, getActionByName } from '../catalog/index.js';
import type { CompiledPolicySet, PolicyRef } from '../evaluate/index.js';
import { compileActionList } from '../policy/action.js';
import { Context, type ContextInput } from '../policy/context.js';
import type { Statement } from '../policy/model.js';
import { findVariables } from '../policy/variables.js';
import type { AccountIndex, Principal } from './index-model.js';

export const PROBE_NAME = 'leastpriv-probe';

/** An ARN of the action's (first required) resource type in the account, or `*` when it has none. */
export function probeArn(action: string, account: string, region: string): string {
  const info = getActionByName(action);
  if (!info) return '*';
  const types = actionResourceTypes(info);
  const pick = types.find((t) => t.ref.required && t.type) ?? types.find((t) => t.type);
  if (!pick?.type) return '*';
  return fillArn(pick.type.arn, account, region);
}

export function fillArn(format: string, account: string, region: string): string {
  return arnFormatParts(format)
    .map((p) => {
      if (!p.placeholder) return p.text;
      const name = p.text.replace(/^\$\{|\}$/g, '');
      if (name === 'Partition') return 'aws';
      if (name === 'Region') return region;
      if (name === 'Account') return account;
      return PROBE_NAME;
    })
    .join('');
}

/**
 * "Administrator-equivalent": every one of these requests is allowed after boundaries, SCPs
 * and denies. The first (an action of no real service on `*`) is allowed only by a statement
 * covering every action and every resource; the others catch denies of IAM, S3 and EC2.
 */
export function adminProbes(account: string, region: string): Array<{ action: string; resource: string }> {
  const iam = (t: string) => `arn:aws:iam::${account}:${t}/${PROBE_NAME}`;
  return [
    { action: 'leastprivprobe:AnyAction', resource: '*' },
    { action: 'iam:PutRolePolicy', resource: iam('role') },
    { action: 'iam:AttachUserPolicy', resource: iam('user') },
    { action: 'iam:CreatePolicyVersion', resource: iam('policy') },
    { action: 'iam:PassRole', resource: iam('role') },
    { action: 's3:GetObject', resource: `arn:aws:s3:::${PROBE_NAME}/${PROBE_NAME}` },
    { action: 'ec2:RunInstances', resource: `arn:aws:ec2:${region}:${account}:instance/${PROBE_NAME}` },
  ];
}

const statementActions = new WeakMap<Statement, (a: string) => boolean>();

function matchesAction(st: Statement, actionLower: string): boolean {
  let m = statementActions.get(st);
  if (!m) {
    if (st.action) m = compileActionList(st.action.map((a) => a.value));
    else if (st.notAction) {
      const inner = compileActionList(st.notAction.map((a) => a.value));
      m = (a) => !inner(a);
    } else m = () => false;
    statementActions.set(st, m);
  }
  return m(actionLower);
}

/**
 * Resources of the right service to try an action on: the probe ARN first, then each resource
 * pattern of the principal's Allow statements for the action with its wildcards filled in
 * (`*` -> `leastpriv-probe`, `?` -> `x`, `${aws:username}` -> the user's name).
 */
export function candidateResources(
  p: Principal,
  refs: PolicyRef[],
  action: string,
  region: string,
): string[] {
  const out = [probeArn(action, p.account, region)];
  const service = action.slice(0, action.indexOf(':')).toLowerCase();
  const lower = action.toLowerCase();
  for (const ref of refs) {
    for (const st of ref.document.statements) {
      if (st.effect.value !== 'Allow' || !st.resource || !matchesAction(st, lower)) continue;
      for (const r of st.resource) {
        const filled = instantiate(r.value, p);
        if (filled && filled.split(':')[2]?.toLowerCase() === service && !out.includes(filled))
          out.push(filled);
      }
    }
  }
  return out;
}

/**
 * The literal prefixes of the principal's Allow resource patterns for an action (up to the
 * first `*`, `?` or policy variable); `''` when a pattern starts with one or NotResource is used.
 * Every resource an Allow can match starts with one of them.
 */
export function allowPrefixes(p: Principal, actionLower: string): string[] {
  const out = new Set<string>();
  for (const ref of p.identity) {
    for (const st of ref.document.statements) {
      if (st.effect.value !== 'Allow' || !matchesAction(st, actionLower)) continue;
      if (!st.resource) {
        out.add('');
        continue;
      }
      for (const r of st.resource) {
        const cut = r.value.search(/[*?$]/);
        out.add(cut < 0 ? r.value : r.value.slice(0, cut));
      }
    }
  }
  return [...out];
}

/** An Allow statement of the principal for the action lists this exact resource (no wildcard). */
export function namesExactly(p: Principal, actionLower: string, resource: string): boolean {
  return p.identity.some((ref) =>
    ref.document.statements.some(
      (st) =>
        st.effect.value === 'Allow' &&
        matchesAction(st, actionLower) &&
        st.resource?.some((r) => r.value === resource),
    ),
  );
}

function instantiate(pattern: string, p: Principal): string | undefined {
  if (!pattern.startsWith('arn:')) return undefined;
  let s = pattern.replace(/\$\{aws:username\}/gi, p.kind === 'user' ? p.name : '');
  if (/\$\{/.test(s)) return undefined;
  s = s.replace(/\*/g, PROBE_NAME).replace(/\?/g, 'x');
  return s;
}

/** A request the principal is allowed (first of the candidates), or undefined. */
export function allowedOnSome(
  index: AccountIndex,
  p: Principal,
  action: string,
  candidates: string[],
  context: ContextInput,
  set?: CompiledPolicySet,
): { resource: string; result: ReturnType<AccountIndex['check']> } | undefined {
  for (const resource of candidates) {
    const result = index.check(p, action, resource, { context, set });
    if (result.decision === 'Allowed') return { resource, result };
  }
  return undefined;
}

/**
 * Cheap necessary condition for an identity-based Allow of the action on the resource: some Allow
 * statement covers both. `context` is the request context the evaluation will add to the
 * principal's own (the analysis's `--context`, per-action keys). A resource pattern whose policy
 * variable names a key this context does not hold (a key the evaluator derives, such as
 * `aws:PrincipalAccount`, or one set per candidate, such as `iam:PolicyARN`) may match in the
 * request, so it never prunes: only what evaluation would deny whatever the missing keys are is
 * pruned.
 */
export function mayAllowOn(
  index: AccountIndex,
  p: Principal,
  action: string,
  resource: string,
  context?: ContextInput,
): boolean {
  const lower = action.toLowerCase();
  const ctx = contextOf(p, context);
  for (const pol of index.compiled(p).identity) {
    for (const st of pol.forAction(lower))
      if (st.effect === 'Allow' && st.matchesResource(resource, ctx)) return true;
  }
  for (const keys of variableKeys(p, lower)) if (keys.some((k) => ctx.get(k) === undefined)) return true;
  return false;
}

const principalKeys = new WeakMap<Principal, Map<string, string[][]>>();

/**
 * Per Allow statement of the principal for the action whose Resource or NotResource has policy
 * variables: the lowercased keys they name (computed once per principal and action; most
 * principals have none, and the answer is then an empty list).
 */
function variableKeys(p: Principal, actionLower: string): string[][] {
  let byAction = principalKeys.get(p);
  if (!byAction) {
    byAction = new Map();
    principalKeys.set(p, byAction);
  }
  let out = byAction.get(actionLower);
  if (!out) {
    out = [];
    for (const ref of p.identity) {
      for (const st of ref.document.statements) {
        if (st.effect.value !== 'Allow' || !matchesAction(st, actionLower)) continue;
        const keys: string[] = [];
        for (const r of st.resource ?? st.notResource ?? [])
          for (const v of findVariables(r.value))
            if (!['*', '?', '$'].includes(v.key)) keys.push(v.key.toLowerCase());
        if (keys.length) out.push(keys);
      }
    }
    byAction.set(actionLower, out);
  }
  return out;
}

const contexts = new WeakMap<Principal, { extra: ContextInput | undefined; ctx: Context }>();

/** The principal's context with the extra keys over it (the last one built is kept per principal). */
function contextOf(p: Principal, extra: ContextInput | undefined): Context {
  const empty = extra === undefined || Object.keys(extra).length === 0;
  const hit = contexts.get(p);
  if (hit && (hit.extra === extra || (empty && hit.extra === undefined))) return hit.ctx;
  const ctx = new Context(empty ? p.context : { ...p.context, ...extra });
  contexts.set(p, { extra: empty ? undefined : extra, ctx });
  return ctx;
}

const ACCESS_ORDER = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];

/**
 * Concrete requests a principal's Allow statements grant (at most `limit`): each action (a
 * wildcard expanded through the Service Authorization Reference, most powerful access level
 * first) on each resource pattern filled in. Used to find a witness that a reached principal
 * can do something the start cannot.
 */
export function grantedRequests(
  p: Principal,
  region: string,
  limit = 120,
): Array<{ action: string; resource: string }> {
  const out: Array<{ action: string; resource: string }> = [];
  const seen = new Set<string>();
  for (const ref of p.identity) {
    for (const st of ref.document.statements) {
      if (st.effect.value !== 'Allow' || !st.action) continue;
      for (const a of st.action) {
        const actions = /[*?]/.test(a.value) ? strongest(a.value) : [a.value];
        const resources = (st.resource ?? [{ value: '*' }]).map((r) => r.value);
        for (const action of actions) {
          for (const r of resources) {
            const resource = r === '*' ? probeArn(action, p.account, region) : (instantiate(r, p) ?? '');
            if (!resource) continue;
            const key = `${action} ${resource}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({ action, resource });
            if (out.length >= limit) return out;
          }
        }
      }
    }
  }
  return out;
}

const strongestCache = new Map<string, string[]>();

/**
 * The actions a wildcard pattern covers, most powerful access level first, at most 25 (the
 * pattern itself when it matches no known action). Sorted once per pattern: `*` covers every
 * action of the Service Authorization Reference.
 */
function strongest(pattern: string): string[] {
  let hit = strongestCache.get(pattern);
  if (!hit) {
    const ranked = expandActionInfos(pattern).map((i, order) => ({ i, order, rank: rank(i.accessLevels) }));
    ranked.sort((x, y) => x.rank - y.rank || x.order - y.order);
    hit = ranked.length ? ranked.slice(0, 25).map((x) => x.i.fullName) : [pattern];
    strongestCache.set(pattern, hit);
  }
  return hit;
}

function rank(levels: readonly string[]): number {
  return Math.min(...levels.map((l) => ACCESS_ORDER.indexOf(l)).filter((i) => i >= 0), 9);
}
