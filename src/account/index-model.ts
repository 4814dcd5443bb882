/**
 * The snapshot prepared for many evaluations: every principal's policy set compiled once
 * (managed policies and each account's SCP/RCP levels compiled once and shared), resource
 * policies compiled on first use, and the request context each principal brings.
 */
import {
  type CompiledPolicySet,
  compilePolicySet,
  type EvaluationResult,
  evaluateRequest,
  type MatchedStatement,
  type PolicyRef,
} from '../evaluate/index.js';
import type { ContextInput } from '../policy/context.js';
import { formatPath } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicyValue } from '../policy/parse.js';
import { guardrails, missing, resourcePolicyOf } from './snapshot.js';
import type {
  AccountDetails,
  AccountSnapshot,
  ManagedPolicy,
  Origin,
  RoleRecord,
  SnapshotPolicy,
  UserRecord,
} from './snapshot-model.js';

export type CompiledPolicy = CompiledPolicySet['identity'][number];

export interface Principal {
  arn: string;
  kind: 'user' | 'role';
  account: string;
  name: string;
  record: UserRecord | RoleRecord;
  /** The principal a request carries: the user ARN, or a session of the role. */
  requestArn: string;
  /** Identity policies (own inline and attached, then each group's), default versions. */
  identity: PolicyRef[];
  boundary?: PolicyRef;
  /** Context keys the principal brings (aws:PrincipalArn with the role's path, aws:PrincipalTag/*). */
  context: ContextInput;
}

/** A statement that took part in a decision, with where it is in the snapshot. */
export interface StatementRef {
  policyType: MatchedStatement['policyType'];
  policy: string;
  statement: string;
  effect: MatchedStatement['effect'];
  /** The snapshot file and JSON path of the statement (absent for synthetic policies). */
  source?: string;
}

export interface CheckOptions {
  context?: ContextInput;
  /** The resource-based policy to evaluate with; by default the request's (`resourcePolicyFor`: a role's trust policy for STS actions on it, else the snapshot's for the ARN). */
  resourcePolicy?: PolicyRef | null;
  /** Replaces the principal's compiled set (hypothetical changes). */
  set?: CompiledPolicySet;
  /** The account owning the resource when its ARN has none (S3). */
  resourceAccount?: string;
  /** The principal in the request, when not the principal's usual one (a named role session). */
  requestArn?: string;
}

export const SESSION_NAME = 'leastpriv';

export function policyDocument(value: unknown): PolicyDocument {
  return parsePolicyValue(value);
}

const ADMIN_DOC = policyDocument({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

/** An inline policy granting everything: what a principal that may write its own policies can give itself. */
export const ADMIN_POLICY: PolicyRef = {
  name: 'an inline policy allowing * on * (written by the attacker)',
  document: ADMIN_DOC,
};

export class AccountIndex {
  readonly principals: Principal[] = [];
  readonly byArn = new Map<string, Principal>();
  readonly accounts = new Map<string, AccountDetails>();
  /** Policy name (as in matched statements) -> where it is in the snapshot. */
  readonly origins = new Map<string, Origin>();
  private readonly compiledManaged = new Map<string, CompiledPolicy>();
  private readonly compiledSets = new Map<string, CompiledPolicySet>();
  private readonly compiledResource = new Map<string, CompiledPolicy | null>();
  private readonly guardrailSets = new Map<string, CompiledPolicySet>();
  /** Notes about what the answers could not know. */
  readonly unknowns: string[] = [];

  constructor(
    readonly snapshot: AccountSnapshot,
    readonly baseContext: ContextInput = {},
  ) {
    for (const a of snapshot.accounts) {
      this.accounts.set(a.id, a);
      const groups = new Map(a.groups.map((g) => [g.name, g]));
      for (const u of a.users) {
        const identity = [...this.inline(u.inline, `user ${u.name}`), ...this.managed(a, u.attached)];
        for (const gname of u.groups) {
          const g = groups.get(gname);
          if (!g) continue;
          identity.push(...this.inline(g.inline, `group ${g.name}`), ...this.managed(a, g.attached));
        }
        this.add({
          arn: u.arn,
          kind: 'user',
          account: a.id,
          name: u.name,
          record: u,
          requestArn: u.arn,
          identity,
          boundary: u.boundary ? this.managed(a, [u.boundary])[0] : undefined,
          context: { ...this.principalContext(u.arn, u.tags), 'aws:username': u.name },
        });
      }
      for (const r of a.roles) {
        this.add({
          arn: r.arn,
          kind: 'role',
          account: a.id,
          name: r.name,
          record: r,
          requestArn: `arn:aws:sts::${a.id}:assumed-role/${r.name}/${SESSION_NAME}`,
          identity: [...this.inline(r.inline, `role ${r.name}`), ...this.managed(a, r.attached)],
          boundary: r.boundary ? this.managed(a, [r.boundary])[0] : undefined,
          context: this.principalContext(r.arn, r.tags),
        });
        this.origins.set(trustName(r), r.trust.origin);
      }
    }
    if (missing(snapshot, 'scps'))
      this.unknowns.push(`${missing(snapshot, 'scps')}: evaluated as if no SCP applies`);
  }

  private add(p: Principal): void {
    this.principals.push(p);
    this.byArn.set(p.arn, p);
  }

  private principalContext(arn: string, tags: Array<{ key: string; value: string }>): ContextInput {
    const ctx: ContextInput = { ...this.baseContext, 'aws:PrincipalArn': arn };
    for (const t of tags) ctx[`aws:PrincipalTag/${t.key}`] = t.value;
    return ctx;
  }

  private inline(list: SnapshotPolicy[], owner: string): PolicyRef[] {
    return list.map((p) => {
      const name = `${owner} inline ${p.name}`;
      this.origins.set(name, p.origin);
      return { name, document: p.document };
    });
  }

  private managed(a: AccountDetails, arns: string[]): PolicyRef[] {
    const out: PolicyRef[] = [];
    for (const arn of arns) {
      const m = a.policies.get(arn);
      if (m) out.push(this.managedRef(m));
    }
    return out;
  }

  managedRef(m: ManagedPolicy, versionId?: string): PolicyRef {
    const v = versionId ? m.versions.find((x) => x.versionId === versionId)! : undefined;
    const policy = v?.policy ?? m.defaultVersion;
    const name = `${m.arn} ${v?.versionId ?? m.defaultVersionId ?? ''}`.trim();
    this.origins.set(name, policy.origin);
    return { name, document: policy.document };
  }

  /** The principal with this ARN, or the role of a role-session ARN. */
  principal(arn: string): Principal | undefined {
    const direct = this.byArn.get(arn);
    if (direct) return direct;
    const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
    if (m) return this.principals.find((p) => p.kind === 'role' && p.account === m[2] && p.name === m[3]);
    return undefined;
  }

  guardrailSet(account: string): CompiledPolicySet {
    let set = this.guardrailSets.get(account);
    if (!set) {
      const ref = (levels: SnapshotPolicy[][] | undefined, label: string) =>
        levels?.map((level, i) =>
          level.map((p) => {
            const name = `${label} level ${i} ${p.name}`;
            this.origins.set(name, p.origin);
            return { name, document: p.document };
          }),
        );
      set = compilePolicySet({
        scps: ref(guardrails(this.snapshot, 'scps', account), 'SCP'),
        rcps: ref(guardrails(this.snapshot, 'rcps', account), 'RCP'),
      });
      this.guardrailSets.set(account, set);
    }
    return set;
  }

  compileIdentity(ref: PolicyRef): CompiledPolicy {
    let c = this.compiledManaged.get(ref.name!);
    if (!c) {
      c = compilePolicySet({ identity: [ref] }).identity[0];
      this.compiledManaged.set(ref.name!, c);
    }
    return c;
  }

  private readonly compiledBoundaries = new Map<string, CompiledPolicy>();

  /** A permissions boundary, compiled once per policy (its statements report as `boundary`). */
  compileBoundary(ref: PolicyRef): CompiledPolicy {
    let c = this.compiledBoundaries.get(ref.name!);
    if (!c) {
      c = compilePolicySet({ permissionBoundary: ref }).boundary!;
      this.compiledBoundaries.set(ref.name!, c);
    }
    return c;
  }

  /** The principal's policies compiled once: identity (managed shared), boundary, SCPs, RCPs. */
  compiled(p: Principal): CompiledPolicySet {
    let set = this.compiledSets.get(p.arn);
    if (!set) {
      set = this.compose(p, p.identity, p.boundary);
      this.compiledSets.set(p.arn, set);
    }
    return set;
  }

  /** A set for the principal with other identity policies or boundary (hypothetical changes). */
  compose(p: Principal, identity: PolicyRef[], boundary: PolicyRef | undefined | null): CompiledPolicySet {
    const g = this.guardrailSet(p.account);
    return {
      identity: identity.map((r) => this.compileIdentity(r)),
      ...(boundary ? { boundary: this.compileBoundary(boundary) } : {}),
      ...(g.scps ? { scps: g.scps } : {}),
      ...(g.rcps ? { rcps: g.rcps } : {}),
      options: {},
    };
  }

  resourcePolicy(arn: string): CompiledPolicy | undefined {
    if (!this.snapshot.resourcePolicies?.length) return undefined;
    let c = this.compiledResource.get(arn);
    if (c === undefined) {
      const rp = resourcePolicyOf(this.snapshot, arn) ?? resourcePolicyOf(this.snapshot, bucketOf(arn) ?? '');
      if (rp) {
        const name = `${rp.arn} resource policy`;
        this.origins.set(name, rp.policy.origin);
        c = compilePolicySet({ resource: { name, document: rp.policy.document } }).resource!;
      } else c = null;
      this.compiledResource.set(arn, c);
    }
    return c ?? undefined;
  }

  /**
   * The resource-based policy IAM evaluates with a request: for an STS action on a role of the
   * snapshot (sts:AssumeRole, sts:TagSession...), the role's trust policy, "the IAM resource-based
   * policy type" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html);
   * otherwise the snapshot's policy for the resource (or its bucket). With its document, for the
   * principals it names.
   */
  resourcePolicySource(
    action: string,
    resource: string,
  ): { compiled: CompiledPolicy; document: PolicyDocument } | undefined {
    if (action.toLowerCase().startsWith('sts:')) {
      const role = this.byArn.get(resource);
      if (role?.kind === 'role')
        return { compiled: this.trustOf(role), document: (role.record as RoleRecord).trust.document };
    }
    const compiled = this.resourcePolicy(resource);
    if (!compiled) return undefined;
    const rp =
      resourcePolicyOf(this.snapshot, resource) ?? resourcePolicyOf(this.snapshot, bucketOf(resource) ?? '');
    return { compiled, document: rp!.policy.document };
  }

  /** The compiled policy of `resourcePolicySource`. */
  resourcePolicyFor(action: string, resource: string): CompiledPolicy | undefined {
    return this.resourcePolicySource(action, resource)?.compiled;
  }

  compileResource(ref: PolicyRef): CompiledPolicy {
    return compilePolicySet({ resource: ref }).resource!;
  }

  trustOf(role: Principal): CompiledPolicy {
    const r = role.record as RoleRecord;
    const key = `trust ${role.arn}`;
    let c = this.compiledResource.get(key);
    if (!c) {
      c = this.compileResource({ name: trustName(r), document: r.trust.document });
      this.compiledResource.set(key, c);
    }
    return c;
  }

  /** Evaluates one request by a principal of the snapshot. */
  check(p: Principal, action: string, resource: string, o: CheckOptions = {}): EvaluationResult {
    const base = o.set ?? this.compiled(p);
    let resourcePolicy: CompiledPolicy | undefined;
    if (o.resourcePolicy === undefined) resourcePolicy = this.resourcePolicyFor(action, resource);
    else if (o.resourcePolicy !== null) resourcePolicy = this.compileResource(o.resourcePolicy);
    const set = resourcePolicy ? { ...base, resource: resourcePolicy } : base;
    return evaluateRequest(
      set,
      {
        principal: o.requestArn ?? p.requestArn,
        action,
        resource,
        context: o.context ? { ...p.context, ...o.context } : p.context,
      },
      { principalAccount: p.account, resourceAccount: o.resourceAccount, organization: this.organization() },
    );
  }

  /** Same, with an already compiled resource-side policy (trust policies). */
  checkWith(
    p: Principal,
    action: string,
    resource: string,
    resourcePolicy: CompiledPolicy | undefined,
    context?: ContextInput,
    set?: CompiledPolicySet,
  ): EvaluationResult {
    const base = set ?? this.compiled(p);
    return evaluateRequest(
      resourcePolicy ? { ...base, resource: resourcePolicy } : base,
      {
        principal: p.requestArn,
        action,
        resource,
        context: context ? { ...p.context, ...context } : p.context,
      },
      { principalAccount: p.account, organization: this.organization() },
    );
  }

  organization() {
    const o = this.snapshot.organization;
    return o ? { id: o.id, managementAccount: o.managementAccount } : undefined;
  }

  /** True when any identity policy of the principal has an Allow statement for the action (a cheap necessary condition). */
  mayAllow(p: Principal, action: string, set?: CompiledPolicySet): boolean {
    const lower = action.toLowerCase();
    for (const pol of (set ?? this.compiled(p)).identity) {
      for (const st of pol.forAction(lower)) if (st.effect === 'Allow') return true;
    }
    return false;
  }

  /** The statement references of a decision, each with its snapshot source. */
  statements(r: EvaluationResult, effect?: 'Allow' | 'Deny'): StatementRef[] {
    return r.matchedStatements
      .filter((m) => effect === undefined || m.effect === effect)
      .map((m) => this.statementRef(m));
  }

  statementRef(m: MatchedStatement): StatementRef {
    const origin = this.origins.get(m.policy);
    return {
      policyType: m.policyType,
      policy: m.policy,
      statement: m.statement,
      effect: m.effect,
      ...(origin ? { source: `${origin.file} ${formatPath([...origin.path, ...m.location.path])}` } : {}),
    };
  }
}

export function trustName(r: RoleRecord): string {
  return `${r.arn} trust policy`;
}

/** The bucket ARN of an S3 object ARN (bucket policies govern their objects). */
export function bucketOf(arn: string): string | undefined {
  const m = /^arn:([^:]+):s3:::([^/]+)\/.*/.exec(arn);
  return m ? `arn:${m[1]}:s3:::${m[2]}` : undefined;
}
