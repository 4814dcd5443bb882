/**
 * Least-privilege identity policy from observed CloudTrail calls. Reads no files, prints nothing:
 * takes the calls (from sources/trail) and the mapping data, returns the policy and what it was
 * built from. verify.ts checks the result with the validator and the evaluator.
 *
 * - Successful calls (and calls that failed for reasons other than authorization) give actions;
 *   calls denied by authorization are listed separately and grant nothing.
 *   Denial error codes: https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 * - Statements are grouped by service, one per distinct (resources, condition) within a service.
 */
import { getActionByName } from '../catalog/index.js';
import { type Implied, impliedActions } from './implied.js';
import { type MappingData, mapEvent } from './mapping.js';
import { resourcesFor } from './resources.js';

export type { MappingData } from './mapping.js';

export interface TrailCall {
  /** When the call was made (the first time, when `count` > 1). */
  eventTime: string;
  /** The last time, when the same call was made `count` times. */
  lastSeen?: string;
  /** How many identical calls this one stands for (default 1). */
  count?: number;
  eventSource: string;
  eventName: string;
  eventType: string | null;
  errorCode: string | null;
  region: string | null;
  accountId: string | null;
  principalArn: string | null;
  /** The caller's access key (for unused-key findings). */
  accessKeyId?: string | null;
  requestParameters: unknown;
  resources: unknown;
}

type Conditions = Record<string, Record<string, string[]>>;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Conditions;
}

export interface GeneratedPolicy {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** One (action, resource, context) a logged call needed: what the evaluator replays. */
export interface NeededAccess {
  action: string;
  resource: string;
  context: Record<string, string>;
  principal: string | null;
  account: string | null;
  /** `eventSource eventName` of the call, for messages. */
  call: string;
}

export interface CallSummary {
  eventSource: string;
  eventName: string;
  count: number;
  actions: string[];
  resources: string[];
  /** Why the call grants nothing, when it needs no permission of the caller. */
  noPermission?: string;
  firstSeen: string;
  lastSeen: string;
}

export interface DeniedCall {
  eventSource: string;
  eventName: string;
  errorCode: string;
  count: number;
  actions: string[];
}

export interface UnmappedCall {
  eventSource: string;
  eventName: string;
  count: number;
  reason: string;
}

/** How a generated policy was checked (by pipelines/trail.ts: validator + evaluator replay). */
/** The part of a validator finding the verification reports (structurally a validate/ Finding). */
export interface VerificationFinding {
  findingType: string;
  issueCode: string;
  findingDetails: string;
}

export interface Verification {
  findings: VerificationFinding[];
  /** Findings of type ERROR or SECURITY_WARNING. */
  blocking: VerificationFinding[];
  replayed: number;
  allowed: number;
  failures: Array<{ action: string; resource: string; call: string; decision: string }>;
  ok: boolean;
}

export interface GenerateResult {
  principal: string;
  policy: GeneratedPolicy;
  calls: CallSummary[];
  deniedCalls: DeniedCall[];
  unmapped: UnmappedCall[];
  /** Explanations: widened resources, implied actions that could not be resolved. */
  notes: string[];
  /** Every access the successful calls needed, for replay. */
  needed: NeededAccess[];
}

/** Error codes that mean the request was refused by authorization. */
export function isDenied(errorCode: string | null): boolean {
  if (!errorCode) return false;
  return /AccessDenied|UnauthorizedOperation|^Unauthorized|NotAuthorized|AuthorizationError|Forbidden/i.test(
    errorCode,
  );
}

interface Grant {
  service: string;
  action: string;
  resources: Set<string>;
  conditions?: Conditions;
}

const stableJson = (v: unknown) => JSON.stringify(v ?? null);

export function generatePolicy(
  principal: string,
  events: readonly TrailCall[],
  data: MappingData,
): GenerateResult {
  const calls = new Map<string, CallSummary>();
  const denied = new Map<string, DeniedCall>();
  const unmapped = new Map<string, UnmappedCall>();
  const grants = new Map<string, Grant>();
  const notes = new Set<string>();
  const widened = new Map<string, Set<string>>();
  const needed = new Map<string, NeededAccess>();

  const grant = (action: string, arns: string[], conditions?: Conditions) => {
    const service = action.split(':')[0];
    const key = `${action}|${stableJson(conditions)}`;
    let g = grants.get(key);
    if (!g) {
      g = { service, action, resources: new Set(), conditions };
      grants.set(key, g);
    }
    for (const a of arns) g.resources.add(a);
  };

  const mappings = new Map<string, ReturnType<typeof mapEvent>>();
  for (const ev of events) {
    const key = `${ev.eventSource} ${ev.eventName}`;
    const mkey = `${key} ${ev.eventType}`;
    let mapped = mappings.get(mkey);
    if (!mapped) {
      mapped = mapEvent(ev, data);
      mappings.set(mkey, mapped);
    }
    if (mapped.kind === 'unmapped') {
      const u = unmapped.get(key) ?? {
        eventSource: ev.eventSource,
        eventName: ev.eventName,
        count: 0,
        reason: mapped.reason,
      };
      u.count += ev.count ?? 1;
      unmapped.set(key, u);
      continue;
    }
    const actions = mapped.kind === 'actions' ? mapped.actions : [];
    if (isDenied(ev.errorCode)) {
      const dk = `${key} ${ev.errorCode}`;
      const d = denied.get(dk) ?? {
        eventSource: ev.eventSource,
        eventName: ev.eventName,
        errorCode: ev.errorCode!,
        count: 0,
        actions,
      };
      d.count += ev.count ?? 1;
      denied.set(dk, d);
      continue;
    }
    let c = calls.get(key);
    if (!c) {
      c = {
        eventSource: ev.eventSource,
        eventName: ev.eventName,
        count: 0,
        actions: [],
        resources: [],
        firstSeen: ev.eventTime,
        lastSeen: ev.lastSeen ?? ev.eventTime,
      };
      if (mapped.kind === 'none') c.noPermission = mapped.reason;
      calls.set(key, c);
    }
    c.count += ev.count ?? 1;
    if (ev.eventTime < c.firstSeen) c.firstSeen = ev.eventTime;
    const last = ev.lastSeen ?? ev.eventTime;
    if (last > c.lastSeen) c.lastSeen = last;
    const ctx = {
      region: ev.region,
      account: ev.accountId,
      requestParameters: ev.requestParameters,
      resources: ev.resources,
      principalArn: ev.principalArn,
    };
    const all: Implied[] = [];
    for (const action of actions) {
      all.push({ action });
      const imp = impliedActions(action, ev.eventName, ev.requestParameters);
      all.push(...imp.implied);
      for (const n of imp.notes) notes.add(n);
    }
    for (const item of all) {
      const info = getActionByName(item.action);
      if (!info) {
        notes.add(`${item.action} (for ${key}) is not in the service reference: left out`);
        continue;
      }
      let arns: string[];
      if (item.resources) arns = item.resources;
      else {
        const r = resourcesFor(info, ctx, item.resourceTypes);
        arns = r.arns;
        if (r.widened.length > 0) {
          const w = widened.get(info.fullName) ?? new Set();
          for (const x of r.widened) w.add(x);
          widened.set(info.fullName, w);
        }
      }
      grant(info.fullName, arns, item.conditions);
      if (!c.actions.includes(info.fullName)) c.actions.push(info.fullName);
      const context: Record<string, string> = {};
      for (const block of Object.values(item.conditions ?? {})) {
        for (const [k, vs] of Object.entries(block)) context[k] = vs[0];
      }
      for (const arn of arns) {
        if (!c.resources.includes(arn)) c.resources.push(arn);
        const nk = `${info.fullName}|${arn}|${stableJson(context)}|${ev.principalArn}`;
        if (!needed.has(nk)) {
          needed.set(nk, {
            action: info.fullName,
            resource: arn,
            context,
            principal: ev.principalArn,
            account: ev.accountId,
            call: key,
          });
        }
      }
    }
  }

  for (const [action, w] of [...widened].sort((a, b) => a[0].localeCompare(b[0]))) {
    notes.add(
      `${action}: the log does not name the resource of a type it requires; widened to ${[...w].sort().join(', ')}`,
    );
  }
  const noResourceType = [...grants.values()].filter((g) => g.resources.has('*')).map((g) => g.action);
  if (noResourceType.length > 0) {
    notes.add(
      `Resource "*" only for actions without a resource type: ${[...new Set(noResourceType)].sort().join(', ')}`,
    );
  }
  return {
    principal,
    policy: buildPolicy(grants),
    calls: [...calls.values()].sort(byCall),
    deniedCalls: [...denied.values()].sort(byCall),
    unmapped: [...unmapped.values()].sort(byCall),
    notes: [...notes],
    needed: [...needed.values()],
  };
}

const byCall = (
  a: { eventSource: string; eventName: string },
  b: { eventSource: string; eventName: string },
) => a.eventSource.localeCompare(b.eventSource) || a.eventName.localeCompare(b.eventName);

const one = (xs: string[]) => (xs.length === 1 ? xs[0] : xs);

/** Statements grouped by service; within a service, actions sharing resources and conditions share a statement. */
function buildPolicy(grants: Map<string, Grant>): GeneratedPolicy {
  const groups = new Map<
    string,
    { service: string; actions: Set<string>; resources: string[]; conditions?: Conditions }
  >();
  for (const g of grants.values()) {
    const resources = g.resources.has('*') ? ['*'] : [...g.resources].sort();
    const key = `${g.service}|${resources.join(',')}|${stableJson(g.conditions)}`;
    const group = groups.get(key) ?? {
      service: g.service,
      actions: new Set(),
      resources,
      conditions: g.conditions,
    };
    group.actions.add(g.action);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.service.localeCompare(b.service) || [...a.actions].sort()[0].localeCompare([...b.actions].sort()[0]),
  );
  const counters = new Map<string, number>();
  const statements = sorted.map((g) => {
    const n = (counters.get(g.service) ?? 0) + 1;
    counters.set(g.service, n);
    const sid = `${g.service.replace(/[^A-Za-z0-9]/g, '')}${n}`;
    const st: PolicyStatement = {
      Sid: sid.charAt(0).toUpperCase() + sid.slice(1),
      Effect: 'Allow',
      Action: one([...g.actions].sort()),
      Resource: one(g.resources),
    };
    if (g.conditions) st.Condition = g.conditions;
    return st;
  });
  return { Version: '2012-10-17', Statement: statements };
}
