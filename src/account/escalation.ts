/**
 * Privilege escalation over an account snapshot (model: docs/escalation.md).
 * Nodes are users and roles; an edge A -> B ("A can act as B") exists when the evaluator allows
 * every request of one recipe (pathfinding.cloud catalogue or PMapper extra) with A's identity
 * policies, groups, boundary, SCPs/RCPs and the resource-side policy, and B's preconditions hold.
 * "admin" = every admin probe allowed (probe.ts). Chains are breadth-first, so each path is a
 * shortest one; "modify N, then act as N" is composed from a modify step and the path to N.
 */
import type { EvaluationResult, PolicyRef } from '../evaluate/index.js';
import { evaluateRequest } from '../evaluate/index.js';
import type { ContextInput } from '../policy/context.js';
import {
  type AccountIndex,
  ADMIN_POLICY,
  type Principal,
  policyDocument,
  type StatementRef,
} from './index-model.js';
import {
  adminProbes,
  allowedOnSome,
  allowPrefixes,
  candidateResources,
  grantedRequests,
  mayAllowOn,
  namesExactly,
  PROBE_NAME,
} from './probe.js';
import { EXISTING, NEW_RESOURCE, type NewResourceRecipe } from './recipes.js';
import { credentialRow, exportOf, missing, missingExport } from './snapshot.js';
import type { GroupRecord, ManagedPolicy, RoleRecord, UserRecord } from './snapshot-model.js';

export type EdgeKind =
  | 'assume'
  | 'credential'
  | 'trust-rewrite'
  | 'new-passrole'
  | 'existing-resource'
  | 'existing-passrole'
  | 'modify'
  | 'self-modify'
  | 'group'
  | 'new-principal'
  | 'admin';

export interface Step {
  from: string;
  /** A principal ARN, a group ARN (joined), or "admin". */
  to: string;
  pathId: string | null;
  kind: EdgeKind;
  actions: string[];
  statements: StatementRef[];
  preconditions: string[];
}

export interface Reach {
  target: string;
  path: Step[];
  /** Admin, or effective permissions not a subset of the start's (a witness request shows it). */
  escalates: boolean;
  witness?: { action: string; resource: string };
}

export interface UnknownPath {
  pathId: string | null;
  actions: string[];
  /** Why it cannot be decided ("resources/ec2 describe-instances.json ... is missing"). */
  missing: string;
}

export interface PrincipalEscalation {
  principal: string;
  account: string;
  admin: boolean;
  canEscalate: boolean;
  reaches: Reach[];
  unknown: UnknownPath[];
}

export interface EscalationResult {
  principals: PrincipalEscalation[];
  /** Snapshot-wide limits of the answer (missing SCPs, credential report...). */
  notes: string[];
}

export interface EscalationOptions {
  /** Only this start (an ARN of the snapshot). */
  principal?: string;
  /** Request context added to every check (e.g. aws:MultiFactorAuthPresent=true). */
  context?: ContextInput;
  /** Region of the probe ARNs (default us-east-1). */
  region?: string;
  /**
   * List every node each start reaches, escalating or not. By default a start that reaches
   * admin reports that path alone, and other starts the reaches that escalate.
   */
  allReaches?: boolean;
  /**
   * The straightforward search (string-keyed breadth-first search, statements collected for
   * every edge, every principal scanned as a candidate target). Same answers, slower: kept as
   * the reference the optimised search is tested against.
   */
  reference?: boolean;
  /** Told before each start is analysed (starts done, starts in all), for a progress line. */
  progress?: (done: number, total: number) => void;
}

const PAIR_IDS: Record<string, string> = {
  'iam:AttachRolePolicy sts-001': 'iam-014',
  'iam:AttachUserPolicy iam-002': 'iam-015',
  'iam:CreatePolicyVersion sts-001': 'iam-016',
  'iam:PutRolePolicy sts-001': 'iam-017',
  'iam:PutUserPolicy iam-002': 'iam-018',
  'iam:AttachRolePolicy iam-012': 'iam-019',
  'iam:CreatePolicyVersion iam-012': 'iam-020',
  'iam:PutRolePolicy iam-012': 'iam-021',
};

interface ModifyEdge {
  target: Principal;
  step: Step;
  /** The IAM action that changes the target (for the pair id). */
  action: string;
}

interface Out {
  /** Edges to principals (graph edges). */
  edges: Step[];
  /** Per edge, the position in `index.principals` of the principal it leads to (-1: none). */
  targets?: Int32Array;
  /** Steps that make this node admin by itself (self-modification, new admin principal). */
  selfAdmin: Step[];
  /** Changes to other principals that would make them admin. */
  modifies: ModifyEdge[];
  /** Joins to groups that grant more (reaches, not traversed). */
  groups: Array<{ step: Step; as: Principal }>;
  unknown: UnknownPath[];
}

export class EscalationAnalysis {
  readonly region: string;
  readonly context: ContextInput;
  readonly allReaches: boolean;
  readonly reference: boolean;
  private readonly adminCache = new Map<string, boolean>();
  private readonly adminStatements = new Map<string, StatementRef[]>();
  private readonly outCache = new Map<string, Out>();
  private readonly witnessCache = new Map<string, Array<{ action: string; resource: string }>>();
  private readonly serviceRoles = new Map<string, Principal[]>();
  private readonly trustees = new Map<
    string,
    { named: Set<string>; accounts: Set<string>; anyone: boolean }
  >();
  private readonly byProfile = new Map<string, Principal>();
  private adminPolicies?: Map<string, ManagedPolicy[]>;
  private readonly possibleCache = new Map<string, boolean>();
  private memoFor: Principal | undefined;
  private memo = new Map<string, boolean>();
  readonly notes: string[] = [];

  constructor(
    readonly index: AccountIndex,
    options: EscalationOptions = {},
  ) {
    this.region = options.region ?? 'us-east-1';
    this.allReaches = options.allReaches ?? false;
    this.reference = options.reference ?? false;
    this.context = options.context ?? {};
    for (const p of index.principals) {
      if (p.kind !== 'role') continue;
      for (const ip of (p.record as RoleRecord).instanceProfiles) {
        this.byProfile.set(ip.arn, p);
        this.byProfile.set(`${p.account}/${ip.name}`, p);
      }
    }
    this.notes.push(...index.unknowns);
    const cr = missing(index.snapshot, 'credentialReport');
    if (cr)
      this.notes.push(
        `${cr}: access-key and password edges (iam-002/003/004/006) are conditional on the user's unknown credential state`,
      );
  }

  private check(
    p: Principal,
    action: string,
    resource: string,
    o: Parameters<AccountIndex['check']>[3] = {},
  ) {
    return this.index.check(p, action, resource, { ...o, context: { ...this.context, ...o.context } });
  }

  /** Administrator-equivalent: every admin probe allowed, after boundaries, SCPs and denies. */
  isAdmin(p: Principal, identity?: PolicyRef[], boundary?: PolicyRef | null): boolean {
    const hypothetical = identity !== undefined || boundary !== undefined;
    if (!hypothetical) {
      const hit = this.adminCache.get(p.arn);
      if (hit !== undefined) return hit;
    }
    const set = hypothetical
      ? this.index.compose(p, identity ?? p.identity, boundary === undefined ? p.boundary : boundary)
      : undefined;
    let admin = true;
    let first: EvaluationResult | undefined;
    for (const probe of adminProbes(p.account, this.region)) {
      const r = this.check(p, probe.action, probe.resource, { set, resourcePolicy: null });
      first ??= r;
      if (r.decision !== 'Allowed') {
        admin = false;
        break;
      }
    }
    if (!hypothetical) {
      this.adminCache.set(p.arn, admin);
      if (admin && first) this.adminStatements.set(p.arn, this.index.statements(first, 'Allow'));
    }
    return admin;
  }

  private step(
    from: Principal,
    to: string,
    pathId: string | null,
    kind: EdgeKind,
    actions: string[],
    results: EvaluationResult[],
    preconditions: string[] = [],
  ): Step {
    const collect = (): StatementRef[] => {
      const statements: StatementRef[] = [];
      const seen = new Set<string>();
      for (const r of results) {
        for (const s of this.index.statements(r, 'Allow')) {
          const key = `${s.policy} ${s.statement}`;
          if (!seen.has(key)) {
            seen.add(key);
            statements.push(s);
          }
        }
      }
      return statements;
    };
    if (this.reference)
      return { from: from.arn, to, pathId, kind, actions, statements: collect(), preconditions };
    // Most edges never appear in a printed path: their statements are collected on first read
    // (JSON output, spread, property access), then kept. The property stays enumerable and in place.
    return {
      from: from.arn,
      to,
      pathId,
      kind,
      actions,
      get statements(): StatementRef[] {
        const value = collect();
        Object.defineProperty(this, 'statements', {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return value;
      },
      set statements(value: StatementRef[]) {
        Object.defineProperty(this, 'statements', {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      },
      preconditions,
    };
  }

  /** Every way out of a node (computed once per node). */
  out(p: Principal): Out {
    let o = this.outCache.get(p.arn);
    if (!o) {
      o = { edges: [], selfAdmin: [], modifies: [], groups: [], unknown: [] };
      this.outCache.set(p.arn, o);
      if (!this.isAdmin(p)) {
        this.assumeEdges(p, o);
        this.iamEdges(p, o);
        this.newResourceEdges(p, o);
        this.existingEdges(p, o);
        this.modifyEdges(p, o);
      }
    }
    return o;
  }

  // ---- sts-001 -------------------------------------------------------------------------------

  private trusteesOf(r: Principal) {
    let t = this.trustees.get(r.arn);
    if (!t) {
      t = { named: new Set(), accounts: new Set(), anyone: false };
      for (const st of (r.record as RoleRecord).trust.document.statements) {
        if (st.effect.value !== 'Allow') continue;
        if (st.notPrincipal || st.principal?.wildcard) {
          t.anyone = true;
          continue;
        }
        for (const e of st.principal?.entries ?? []) {
          if (e.type !== 'AWS') continue;
          const v = e.value.value;
          if (v === '*') t.anyone = true;
          else if (/^\d{12}$/.test(v)) t.accounts.add(v);
          else {
            const m = /^arn:[^:]+:iam::(\d{12}):root$/.exec(v);
            if (m) t.accounts.add(m[1]);
            else t.named.add(v);
          }
        }
      }
      this.trustees.set(r.arn, t);
    }
    return t;
  }

  private named?: Map<string, Principal[]>;

  /** Principal ARN -> the roles whose trust policy names it. */
  private namedIn(): Map<string, Principal[]> {
    if (!this.named) {
      this.named = new Map();
      for (const r of this.index.principals) {
        if (r.kind !== 'role') continue;
        for (const arn of this.trusteesOf(r).named) {
          const list = this.named.get(arn) ?? [];
          list.push(r);
          this.named.set(arn, list);
        }
      }
    }
    return this.named;
  }

  private delegatingRoles?: Principal[];

  /** Roles whose trust policy names any principal at all (the ones an identity allow can matter for). */
  private delegating(): Principal[] {
    this.delegatingRoles ??= this.index.principals
      .filter((r) => {
        if (r.kind !== 'role') return false;
        const t = this.trusteesOf(r);
        return t.anyone || t.accounts.size > 0 || t.named.size > 0;
      })
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    return this.delegatingRoles;
  }

  private assumeEdges(p: Principal, o: Out): void {
    // Without an identity Allow for sts:AssumeRole only trust policies naming p can let it in.
    const delegated = this.index.mayAllow(p, 'sts:AssumeRole');
    const candidates = [...(this.namedIn().get(p.arn) ?? [])];
    if (delegated) {
      // Roles whose ARN starts with a literal prefix of p's sts:AssumeRole Allow patterns.
      const roles = this.delegating();
      for (const prefix of allowPrefixes(p, 'sts:assumerole')) {
        let lo = 0;
        let hi = roles.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (roles[mid].arn < prefix) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < roles.length && roles[k].arn.startsWith(prefix); k++) candidates.push(roles[k]);
      }
    }
    const seen = new Set<Principal>();
    for (const r of candidates) {
      if (r.kind !== 'role' || r === p || seen.has(r)) continue;
      seen.add(r);
      const t = this.trusteesOf(r);
      const named = t.named.has(p.arn);
      if (!named && !t.anyone && !t.accounts.has(p.account)) continue;
      if (!named && !mayAllowOn(this.index, p, 'sts:AssumeRole', r.arn, this.context)) continue;
      const res = this.index.checkWith(p, 'sts:AssumeRole', r.arn, this.index.trustOf(r), this.context);
      if (res.decision !== 'Allowed') continue;
      o.edges.push(
        this.step(
          p,
          r.arn,
          'sts-001',
          'assume',
          named ? [] : ['sts:AssumeRole'],
          [res],
          named ? ['the trust policy names the start: no identity-based allow needed'] : [],
        ),
      );
    }
  }

  // ---- iam-002/003/004/006 (credentials), iam-012 (trust rewrite) ------------------------------

  private iamEdges(p: Principal, o: Out): void {
    const may = (a: string) => this.index.mayAllow(p, a);
    const createKey = may('iam:CreateAccessKey');
    const login = may('iam:CreateLoginProfile') || may('iam:UpdateLoginProfile');
    const rewrite = may('iam:UpdateAssumeRolePolicy');
    if (!createKey && !login && !rewrite) return;
    // mayAllowOn: an identity Allow must cover the target's ARN (IAM has no resource policies).
    const on = (a: string, n: Principal) => mayAllowOn(this.index, p, a, n.arn, this.context);
    for (const n of this.index.principals) {
      if (n === p || n.account !== p.account) continue;
      if (
        n.kind === 'user' &&
        ((createKey && on('iam:CreateAccessKey', n)) ||
          (login && (on('iam:CreateLoginProfile', n) || on('iam:UpdateLoginProfile', n))))
      )
        this.credentialEdges(p, n, o);
      if (
        n.kind === 'role' &&
        rewrite &&
        on('iam:UpdateAssumeRolePolicy', n) &&
        !(n.record as RoleRecord).path.startsWith('/aws-service-role/')
      ) {
        const r = this.check(p, 'iam:UpdateAssumeRolePolicy', n.arn, { resourcePolicy: null });
        if (r.decision !== 'Allowed') continue;
        // Once the trust names the start, sts:AssumeRole needs no identity allow, but denies still apply.
        const trust = this.index.compileResource({
          name: `a trust policy naming ${p.arn} (written by the attacker)`,
          document: policyDocument({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: p.arn }, Action: 'sts:AssumeRole' }],
          }),
        });
        const a = this.index.checkWith(p, 'sts:AssumeRole', n.arn, trust, this.context);
        if (a.decision !== 'Allowed') continue;
        o.edges.push(this.step(p, n.arn, 'iam-012', 'trust-rewrite', ['iam:UpdateAssumeRolePolicy'], [r]));
      }
    }
  }

  private credentialEdges(p: Principal, u: Principal, o: Out): void {
    const row = credentialRow(this.index.snapshot, u.arn);
    const unknownState = this.index.snapshot.credentialReport === undefined;
    const keys = row
      ? ['1', '2'].filter(
          (i) => row[`access_key_${i}_last_rotated`] && row[`access_key_${i}_last_rotated`] !== 'N/A',
        ).length
      : 0;
    const ck = this.check(p, 'iam:CreateAccessKey', u.arn, { resourcePolicy: null });
    if (ck.decision === 'Allowed') {
      if (unknownState || keys < 2) {
        o.edges.push(
          this.step(
            p,
            u.arn,
            'iam-002',
            'credential',
            ['iam:CreateAccessKey'],
            [ck],
            [
              unknownState
                ? 'credential report missing: assumes the user has fewer than 2 access keys (else iam:DeleteAccessKey is needed too, iam-003)'
                : `the user has ${keys} access key(s); the quota is 2`,
            ],
          ),
        );
      } else {
        const dk = this.check(p, 'iam:DeleteAccessKey', u.arn, { resourcePolicy: null });
        if (dk.decision === 'Allowed') {
          o.edges.push(
            this.step(
              p,
              u.arn,
              'iam-003',
              'credential',
              ['iam:DeleteAccessKey', 'iam:CreateAccessKey'],
              [dk, ck],
              ['the user has 2 access keys: delete one first'],
            ),
          );
        }
      }
    }
    if (row?.mfa_active === 'true') return; // console sign-in would also need the user's MFA device
    const password = row?.password_enabled;
    for (const [id, action, when] of [
      ['iam-004', 'iam:CreateLoginProfile', 'false'],
      ['iam-006', 'iam:UpdateLoginProfile', 'true'],
    ] as const) {
      if (password !== undefined && password !== when) continue;
      const r = this.check(p, action, u.arn, { resourcePolicy: null });
      if (r.decision !== 'Allowed') continue;
      o.edges.push(
        this.step(
          p,
          u.arn,
          id,
          'credential',
          [action],
          [r],
          [
            password === undefined
              ? `credential report missing: assumes the user ${when === 'true' ? 'has' : 'has no'} console password and no MFA device`
              : `the user ${when === 'true' ? 'has' : 'has no'} console password and no MFA device`,
          ],
        ),
      );
    }
  }

  // ---- new resource with a passed role ------------------------------------------------------

  /** Roles of an account that the service may assume (trust evaluated with the service's own context). */
  private rolesTrusting(service: string, account: string): Principal[] {
    const key = `${service} ${account}`;
    let list = this.serviceRoles.get(key);
    if (!list) {
      list = [];
      for (const r of this.index.principals) {
        if (r.kind !== 'role' || r.account !== account) continue;
        // The service sets aws:SourceAccount and aws:SourceArn to the resource acting for the
        // attacker: evaluate them as the attacker's account and a resource in it (confused deputy).
        const context = {
          'aws:SourceAccount': account,
          'aws:SourceArn': `arn:aws:${service.split('.')[0]}:${this.region}:${account}:${PROBE_NAME}`,
        };
        const res = evaluateRequest(
          { identity: [], resource: this.index.trustOf(r), options: {} },
          { principal: service, action: 'sts:AssumeRole', resource: r.arn, context },
          { resourceAccount: account },
        );
        if (res.decision === 'Allowed') list.push(r);
      }
      this.serviceRoles.set(key, list);
    }
    return list;
  }

  private passRole(p: Principal, r: Principal, service: string): EvaluationResult | undefined {
    const res = this.check(p, 'iam:PassRole', r.arn, {
      context: { 'iam:PassedToService': service },
      resourcePolicy: null,
    });
    return res.decision === 'Allowed' ? res : undefined;
  }

  private newResourceEdges(p: Principal, o: Out): void {
    if (!this.index.mayAllow(p, 'iam:PassRole')) return;
    for (const recipe of NEW_RESOURCE) {
      if (!recipe.actions.every((a) => this.index.mayAllow(p, a))) continue;
      if (!recipe.actions.every((a) => this.possible(p, a))) continue;
      if (recipe.needs) {
        const inv = exportOf(this.index.snapshot, recipe.needs.key);
        if (!inv) {
          this.addUnknown(o, {
            pathId: recipe.id,
            actions: recipe.actions,
            missing: missingExport(this.index.snapshot, recipe.needs.key)!,
          });
          continue;
        }
        if (recipe.needs.list(inv.value).length === 0) continue;
      }
      for (const r of this.rolesTrusting(recipe.service, p.account)) {
        if (r === p) continue;
        this.newResourceEdge(p, r, recipe, o);
      }
    }
  }

  private newResourceEdge(p: Principal, r: Principal, recipe: NewResourceRecipe, o: Out): void {
    const pass = this.passRole(p, r, recipe.service);
    if (!pass) return;
    const profiles = recipe.profile ? (r.record as RoleRecord).instanceProfiles : [undefined];
    for (const profile of profiles) {
      const results: EvaluationResult[] = [pass];
      let ok = true;
      for (const action of recipe.actions) {
        const context: Record<string, string> = {};
        for (const [k, v] of Object.entries(recipe.context?.[action] ?? {}))
          if (v === 'role') context[k] = r.arn;
        if (profile && action.startsWith('ec2:')) context['ec2:InstanceProfile'] = profile.arn;
        const found = allowedOnSome(
          this.index,
          p,
          action,
          candidateResources(p, p.identity, action, this.region),
          {
            ...this.context,
            ...context,
          },
        );
        if (!found) {
          ok = false;
          break;
        }
        results.push(found.result);
      }
      if (!ok) continue;
      o.edges.push(
        this.step(p, r.arn, recipe.id, 'new-passrole', ['iam:PassRole', ...recipe.actions], results, [
          `${r.arn} trusts ${recipe.service}`,
          ...(profile ? [`in instance profile ${profile.arn}`] : []),
          ...(recipe.preconditions ?? []),
        ]),
      );
      return;
    }
  }

  // ---- existing resources (inventories) -------------------------------------------------------

  private existingEdges(p: Principal, o: Out): void {
    for (const recipe of EXISTING) {
      const actions = [...recipe.actions, ...(recipe.otherActions ?? []).map((x) => x.action)];
      if (!actions.every((a) => this.index.mayAllow(p, a))) continue;
      if (recipe.passRole && !this.index.mayAllow(p, 'iam:PassRole')) continue;
      // Only recipes the start could perform on some resource of the right type count (a grant of
      // "*" on one S3 prefix does not make an unknown Lambda path).
      if (!actions.every((a) => this.possible(p, a))) continue;
      const inv = exportOf(this.index.snapshot, recipe.inventory);
      if (!inv) {
        this.addUnknown(o, {
          pathId: recipe.id,
          actions,
          missing: missingExport(this.index.snapshot, recipe.inventory)!,
        });
        continue;
      }
      const ready = recipe.ready ? exportOf(this.index.snapshot, recipe.ready.inventory) : undefined;
      for (const item of recipe.items(inv.value, p.account, this.region)) {
        if (item.unusable) continue;
        if (!item.arn.includes(`:${p.account}:`) && !item.arn.startsWith('arn:aws:s3')) continue;
        const pre: string[] = [
          item.label,
          ...(recipe.preconditions ?? []),
          ...(recipe.eventual ? [recipe.eventual] : []),
        ];
        if (recipe.ready) {
          if (!ready) {
            if (!recipe.ready.eventualIfNot) {
              this.addUnknown(o, {
                pathId: recipe.id,
                actions,
                missing: missingExport(this.index.snapshot, recipe.ready.inventory)!,
              });
              continue;
            }
            pre.push(
              `${missingExport(this.index.snapshot, recipe.ready.inventory)}: not known whether ${recipe.ready.what} exists (eventual)`,
            );
          } else if (!recipe.ready.test(ready.value, item)) {
            if (!recipe.ready.eventualIfNot) continue;
            pre.push(`eventual: no ${recipe.ready.what}; runs when something else invokes it`);
          } else pre.push(recipe.ready.what);
        }
        const results: EvaluationResult[] = [];
        let ok = true;
        for (const action of recipe.actions) {
          const r = this.check(p, action, item.arn);
          if (r.decision !== 'Allowed') {
            ok = false;
            break;
          }
          results.push(r);
        }
        for (const other of recipe.otherActions ?? []) {
          if (!ok) break;
          const resource = other.resource.replace('{region}', this.region).replace('{account}', p.account);
          const r = this.check(p, other.action, resource);
          if (r.decision !== 'Allowed') ok = false;
          else results.push(r);
        }
        if (!ok) continue;
        if (recipe.passRole) {
          for (const r of this.rolesTrusting(recipe.passRole, p.account)) {
            if (r === p) continue;
            const pass = this.passRole(p, r, recipe.passRole);
            if (pass) {
              o.edges.push(
                this.step(
                  p,
                  r.arn,
                  recipe.id,
                  'existing-passrole',
                  ['iam:PassRole', ...actions],
                  [pass, ...results],
                  [...pre, `${r.arn} trusts ${recipe.passRole}`],
                ),
              );
            }
          }
          continue;
        }
        const target = this.roleOfItem(p, item);
        if (!target) {
          if (item.role || item.profile) {
            this.addUnknown(o, {
              pathId: recipe.id,
              actions,
              missing: `${item.label} runs as ${item.role ?? item.profile}, which the authorization details do not hold`,
            });
          }
          continue;
        }
        if (target === p) continue;
        if (recipe.id === 'cloudformation-004') {
          const pass = this.passRole(p, target, 'cloudformation.amazonaws.com');
          if (!pass) continue;
          results.unshift(pass);
        }
        o.edges.push(this.step(p, target.arn, recipe.id, 'existing-resource', actions, results, pre));
      }
    }
  }

  /** The start is allowed the action on some resource of its type (probe or its own patterns filled in). */
  private possible(p: Principal, action: string): boolean {
    const key = `${p.arn} ${action}`;
    let hit = this.possibleCache.get(key);
    if (hit === undefined) {
      // Denied only for want of a key the recipe sets (cloudformation:RoleArn, iam:PassedToService...)
      // still counts as possible: the recipe's own check decides.
      hit = candidateResources(p, p.identity, action, this.region).some((resource) => {
        const r = this.check(p, action, resource);
        return r.decision === 'Allowed' || (r.decision === 'ImplicitDeny' && r.missingContextKeys.length > 0);
      });
      this.possibleCache.set(key, hit);
    }
    return hit;
  }

  private roleOfItem(p: Principal, item: { role?: string; profile?: string }): Principal | undefined {
    if (item.role)
      return (
        this.index.byArn.get(item.role) ??
        this.index.principals.find((x) => x.kind === 'role' && x.arn.endsWith(`/${item.role}`))
      );
    if (item.profile)
      return this.byProfile.get(item.profile) ?? this.byProfile.get(`${p.account}/${item.profile}`);
    return undefined;
  }

  // ---- modify (self and others), groups, new principals ---------------------------------------

  /** Managed policies that grant administrator-equivalent access by themselves (attach candidates). */
  private adminCandidates(account: string): ManagedPolicy[] {
    this.adminPolicies ??= new Map();
    let list = this.adminPolicies.get(account);
    if (!list) {
      const a = this.index.accounts.get(account)!;
      const all = [...a.policies.values()];
      const probe = this.index.principals.find((x) => x.account === account);
      list = probe ? all.filter((m) => this.isAdmin(probe, [this.index.managedRef(m)], null)) : [];
      const builtin = 'arn:aws:iam::aws:policy/AdministratorAccess';
      if (!list.some((m) => m.arn === builtin)) {
        list.push({
          arn: builtin,
          name: 'AdministratorAccess',
          path: '/',
          awsManaged: true,
          versions: [],
          defaultVersion: {
            name: 'AdministratorAccess',
            document: ADMIN_POLICY.document,
            origin: { file: 'AWS managed', path: [] },
          },
          source: 'bundled AWS managed policies',
        });
      }
      this.adminPolicies.set(account, list);
    }
    return list;
  }

  /** Ways `p` can change `n`'s permissions so that n becomes admin; undefined when none. */
  private modification(
    p: Principal,
    n: Principal,
    self: boolean,
  ): { step: Step; action: string } | undefined {
    const acct = this.index.accounts.get(n.account)!;
    const to = self ? 'admin' : n.arn;
    const kind: EdgeKind = self ? 'self-modify' : 'modify';
    const boundaryCtx: ContextInput = n.boundary
      ? { 'iam:PermissionsBoundary': (n.record as RoleRecord | UserRecord).boundary! }
      : {};
    // The context of the checks below (iam:PolicyARN, set per candidate policy, is left out: a
    // resource pattern naming it never prunes).
    const preCtx = n.boundary ? { ...this.context, ...boundaryCtx } : this.context;
    const becomesAdmin = () => this.isAdmin(n, [...n.identity, ADMIN_POLICY]);
    const isUser = n.kind === 'user';
    const put = isUser ? 'iam:PutUserPolicy' : 'iam:PutRolePolicy';
    if (mayAllowOn(this.index, p, put, n.arn, preCtx)) {
      const r = this.check(p, put, n.arn, { resourcePolicy: null, context: boundaryCtx });
      if (r.decision === 'Allowed' && becomesAdmin()) {
        return {
          action: put,
          step: this.step(
            p,
            to,
            self ? (isUser ? 'iam-007' : 'iam-005') : null,
            kind,
            [put],
            [r],
            [`${n.arn} becomes administrator-equivalent`],
          ),
        };
      }
    }
    const attach = isUser ? 'iam:AttachUserPolicy' : 'iam:AttachRolePolicy';
    if (mayAllowOn(this.index, p, attach, n.arn, preCtx)) {
      for (const m of this.adminCandidates(n.account)) {
        const r = this.check(p, attach, n.arn, {
          resourcePolicy: null,
          context: { ...boundaryCtx, 'iam:PolicyARN': m.arn },
        });
        if (r.decision === 'Allowed' && this.isAdmin(n, [...n.identity, this.index.managedRef(m)])) {
          return {
            action: attach,
            step: this.step(
              p,
              to,
              self ? (isUser ? 'iam-008' : 'iam-009') : null,
              kind,
              [attach],
              [r],
              [`attach ${m.arn}`, `${n.arn} becomes administrator-equivalent`],
            ),
          };
        }
      }
    }
    // Customer managed policies attached to n (directly or through its groups).
    const groups = isUser ? this.groupsOf(n) : [];
    const attached = [...n.record.attached, ...groups.flatMap((g) => g.attached)];
    for (const arn of attached) {
      const m = acct.policies.get(arn);
      if (!m || m.awsManaged) continue;
      if (this.index.mayAllow(p, 'iam:CreatePolicyVersion')) {
        const r = this.check(p, 'iam:CreatePolicyVersion', arn, { resourcePolicy: null });
        if (r.decision === 'Allowed' && becomesAdmin()) {
          const results = [r];
          const pre = [`${arn} is attached to ${n.arn}`];
          if (m.versions.length >= 5) {
            const d = this.check(p, 'iam:DeletePolicyVersion', arn, { resourcePolicy: null });
            if (d.decision !== 'Allowed') continue;
            results.push(d);
            pre.push('the policy has 5 versions (the quota): one is deleted first');
          }
          return {
            action: 'iam:CreatePolicyVersion',
            step: this.step(
              p,
              to,
              self ? 'iam-001' : null,
              kind,
              m.versions.length >= 5
                ? ['iam:DeletePolicyVersion', 'iam:CreatePolicyVersion']
                : ['iam:CreatePolicyVersion'],
              results,
              pre,
            ),
          };
        }
      }
      if (m.versions.length > 1 && this.index.mayAllow(p, 'iam:SetDefaultPolicyVersion')) {
        const r = this.check(p, 'iam:SetDefaultPolicyVersion', arn, { resourcePolicy: null });
        if (r.decision !== 'Allowed') continue;
        for (const v of m.versions) {
          if (v.isDefault) continue;
          const identity = n.identity.map((ref) =>
            ref.name?.startsWith(`${arn} `) ? this.index.managedRef(m, v.versionId) : ref,
          );
          if (this.isAdmin(n, identity)) {
            return {
              action: 'iam:SetDefaultPolicyVersion',
              step: this.step(
                p,
                to,
                null,
                kind,
                ['iam:SetDefaultPolicyVersion'],
                [r],
                [`version ${v.versionId} of ${arn} makes ${n.arn} administrator-equivalent (Rhino method 2)`],
              ),
            };
          }
        }
      }
    }
    for (const g of groups) {
      for (const [action, id] of [
        ['iam:PutGroupPolicy', 'iam-011'],
        ['iam:AttachGroupPolicy', 'iam-010'],
      ] as const) {
        if (!this.index.mayAllow(p, action)) continue;
        const candidates = action === 'iam:PutGroupPolicy' ? [undefined] : this.adminCandidates(n.account);
        for (const m of candidates) {
          const r = this.check(p, action, g.arn, {
            resourcePolicy: null,
            context: m ? { 'iam:PolicyARN': m.arn } : {},
          });
          if (r.decision !== 'Allowed') continue;
          if (!this.isAdmin(n, [...n.identity, m ? this.index.managedRef(m) : ADMIN_POLICY])) continue;
          return {
            action,
            step: this.step(
              p,
              to,
              self ? id : null,
              kind,
              [action],
              [r],
              [`${n.arn} is in group ${g.arn}`, ...(m ? [`attach ${m.arn}`] : [])],
            ),
          };
        }
      }
    }
    if (self && n.boundary) {
      const del = isUser ? 'iam:DeleteUserPermissionsBoundary' : 'iam:DeleteRolePermissionsBoundary';
      if (this.index.mayAllow(p, del)) {
        const r = this.check(p, del, n.arn, { resourcePolicy: null });
        if (r.decision === 'Allowed' && this.isAdmin(n, n.identity, null)) {
          return {
            action: del,
            step: this.step(
              p,
              to,
              null,
              kind,
              [del],
              [r],
              ['without its boundary the start is administrator-equivalent'],
            ),
          };
        }
      }
    }
    return undefined;
  }

  private groupsOf(u: Principal): GroupRecord[] {
    const a = this.index.accounts.get(u.account)!;
    const names = new Set((u.record as UserRecord).groups);
    return a.groups.filter((g) => names.has(g.name));
  }

  private modifyEdges(p: Principal, o: Out): void {
    const self = this.modification(p, p, true);
    if (self) o.selfAdmin.push(self.step);
    const mayModify = [
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:PutUserPolicy',
      'iam:AttachUserPolicy',
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:PutGroupPolicy',
      'iam:AttachGroupPolicy',
    ].some((a) => this.index.mayAllow(p, a));
    if (mayModify) {
      for (const n of this.index.principals) {
        if (n === p || n.account !== p.account || this.isAdmin(n)) continue;
        if ((n.record as RoleRecord).path?.startsWith('/aws-service-role/')) continue;
        const m = this.modification(p, n, false);
        if (m) o.modifies.push({ target: n, step: m.step, action: m.action });
      }
    }
    if (p.kind === 'user' && this.index.mayAllow(p, 'iam:AddUserToGroup')) this.groupJoins(p, o);
    this.newPrincipal(p, o);
  }

  /** iam-013: add the start to a group; admin if the group makes it so, else a reach when it grants more. */
  private groupJoins(p: Principal, o: Out): void {
    const a = this.index.accounts.get(p.account)!;
    const member = new Set((p.record as UserRecord).groups);
    for (const g of a.groups) {
      if (member.has(g.name)) continue;
      const r = this.check(p, 'iam:AddUserToGroup', g.arn, { resourcePolicy: null });
      if (r.decision !== 'Allowed') continue;
      const extra = [...this.groupRefs(g)];
      const identity = [...p.identity, ...extra];
      if (this.isAdmin(p, identity)) {
        o.selfAdmin.push(
          this.step(
            p,
            'admin',
            'iam-013',
            'self-modify',
            ['iam:AddUserToGroup'],
            [r],
            [`join group ${g.arn}`],
          ),
        );
        continue;
      }
      const as: Principal = { ...p, arn: g.arn, identity };
      o.groups.push({
        as,
        step: this.step(p, g.arn, 'iam-013', 'group', ['iam:AddUserToGroup'], [r], [`join group ${g.arn}`]),
      });
    }
  }

  private groupRefs(g: GroupRecord): PolicyRef[] {
    const a = this.index.accounts.get(g.account)!;
    const refs: PolicyRef[] = g.inline.map((x) => ({
      name: `group ${g.name} inline ${x.name}`,
      document: x.document,
    }));
    for (const arn of g.attached) {
      const m = a.policies.get(arn);
      if (m) refs.push(this.index.managedRef(m));
    }
    return refs;
  }

  /** PMapper's CreateRole + AttachRolePolicy/PutRolePolicy, with any boundary the start is forced to set. */
  private newPrincipal(p: Principal, o: Out): void {
    if (!this.index.mayAllow(p, 'iam:CreateRole')) return;
    const roleArn = `arn:aws:iam::${p.account}:role/${PROBE_NAME}`;
    const a = this.index.accounts.get(p.account)!;
    const boundaries: Array<ManagedPolicy | undefined> = [
      undefined,
      ...[...a.policies.values()].filter((m) => (m.permissionsBoundaryUsageCount ?? 0) > 0),
    ];
    for (const b of boundaries) {
      const ctx: ContextInput = b ? { 'iam:PermissionsBoundary': b.arn } : {};
      const create = this.check(p, 'iam:CreateRole', roleArn, { resourcePolicy: null, context: ctx });
      if (create.decision !== 'Allowed') continue;
      let grant: EvaluationResult | undefined;
      let how = '';
      const put = this.check(p, 'iam:PutRolePolicy', roleArn, { resourcePolicy: null, context: ctx });
      if (put.decision === 'Allowed') {
        grant = put;
        how = 'iam:PutRolePolicy';
      } else {
        for (const m of this.adminCandidates(p.account)) {
          const at = this.check(p, 'iam:AttachRolePolicy', roleArn, {
            resourcePolicy: null,
            context: { ...ctx, 'iam:PolicyARN': m.arn },
          });
          if (at.decision === 'Allowed') {
            grant = at;
            how = 'iam:AttachRolePolicy';
            break;
          }
        }
      }
      if (!grant) continue;
      const newRole: Principal = {
        ...p,
        arn: roleArn,
        kind: 'role',
        name: PROBE_NAME,
        requestArn: `arn:aws:sts::${p.account}:assumed-role/${PROBE_NAME}/x`,
        identity: [ADMIN_POLICY],
        boundary: b ? this.index.managedRef(b) : undefined,
        context: { 'aws:PrincipalArn': roleArn },
      };
      if (!this.isAdmin(newRole, [ADMIN_POLICY], newRole.boundary ?? null)) continue;
      o.selfAdmin.push(
        this.step(
          p,
          'admin',
          null,
          'new-principal',
          ['iam:CreateRole', how],
          [create, grant],
          [
            `a new role trusting the start${b ? `, with the forced boundary ${b.arn}` : ''}, administrator-equivalent`,
          ],
        ),
      );
      return;
    }
  }

  // ---- reachability -----------------------------------------------------------------------------

  /**
   * A request `n` is allowed and neither the start nor any role granted to it is: the witness
   * that n's permissions are not a subset of the start's.
   */
  private witness(
    start: Principal,
    n: Principal,
    granted: Principal[],
  ): { action: string; resource: string } | undefined {
    // The requests n is allowed are computed once per n; each start then evaluates only itself.
    let list = this.witnessCache.get(n.arn);
    if (!list) {
      list = grantedRequests(n, this.region).filter(
        (w) => this.check(n, w.action, w.resource).decision === 'Allowed',
      );
      this.witnessCache.set(n.arn, list);
    }
    // Reached nodes share policies (a team's), so the start's decisions are memoised per start.
    if (this.memoFor !== start) {
      this.memoFor = start;
      this.memo = new Map();
    }
    for (const w of list) {
      const key = `${w.action} ${w.resource}`;
      let startCan = this.memo.get(key);
      if (startCan === undefined) {
        startCan = [start, ...granted].some(
          (g) => this.check(g, w.action, w.resource).decision === 'Allowed',
        );
        this.memo.set(key, startCan);
      }
      if (!startCan) return w;
    }
    return undefined;
  }

  /**
   * Roles granted to the start by design: an sts-001 edge whose identity-side Allow names the
   * role's exact ARN (the bootstrap plan's "each group assumes its role"). Acting as them is the
   * start's own access, not an escalation, unless they are admin.
   */
  private grantedRoles(start: Principal): Principal[] {
    const out: Principal[] = [];
    for (const e of this.out(start).edges) {
      if (e.pathId !== 'sts-001' || e.actions.length === 0) continue;
      const r = this.index.byArn.get(e.to);
      if (r && namesExactly(start, 'sts:assumerole', r.arn)) out.push(r);
    }
    return out;
  }

  /** Position in `index.principals` of the principal `byArn` holds for each ARN. */
  private idOf?: Map<string, number>;
  private seen = new Int32Array(0);
  private done = new Int32Array(0);
  private depth = new Int32Array(0);
  private parentFrom = new Int32Array(0);
  private parentStep: Array<Step | null> = [];
  private generation = 0;

  private arnIds(): Map<string, number> {
    if (!this.idOf) {
      const ids = new Map(this.index.principals.map((p, i) => [p, i] as const));
      this.idOf = new Map();
      for (const [arn, p] of this.index.byArn) {
        const id = ids.get(p);
        if (id !== undefined) this.idOf.set(arn, id);
      }
      const n = this.index.principals.length;
      this.seen = new Int32Array(n);
      this.done = new Int32Array(n);
      this.depth = new Int32Array(n);
      this.parentFrom = new Int32Array(n);
      this.parentStep = new Array(n).fill(null);
    }
    return this.idOf;
  }

  private targetsOf(out: Out): Int32Array {
    if (!out.targets) {
      const ids = this.arnIds();
      out.targets = Int32Array.from(out.edges, (e) => ids.get(e.to) ?? -1);
    }
    return out.targets;
  }

  analyse(start: Principal): PrincipalEscalation {
    const ids = this.arnIds();
    const sid = ids.get(start.arn);
    if (this.reference || sid === undefined) return this.analyseReference(start);
    const base = { principal: start.arn, account: start.account };
    if (this.isAdmin(start)) return { ...base, admin: true, canEscalate: false, reaches: [], unknown: [] };
    const principals = this.index.principals;
    // The same breadth-first search as analyseReference, over positions and stamped arrays instead
    // of ARN-keyed maps; paths are built only for what is offered or printed.
    const gen = ++this.generation;
    const { seen, done, depth, parentFrom, parentStep } = this;
    seen[sid] = gen;
    depth[sid] = 0;
    parentStep[sid] = null;
    const order: Principal[] = [start];
    const orderIds: number[] = [sid];
    const pathTo = (id: number): Step[] => {
      const path: Step[] = new Array(depth[id]);
      for (let k = depth[id] - 1, x = id; k >= 0; k--, x = parentFrom[x]) path[k] = parentStep[x]!;
      return path;
    };
    let best: Step[] | undefined;
    /** A candidate of `length` steps, built only when it beats the best so far (first wins ties). */
    const offer = (length: number, build: () => Step[]) => {
      if (!best || length < best.length) best = build();
    };
    const adminStep = (arn: string, statements: StatementRef[], why: string): Step => ({
      from: arn,
      to: 'admin',
      pathId: null,
      kind: 'admin',
      actions: [],
      statements,
      preconditions: [why],
    });
    const pending = new Map<number, Array<{ by: number; m: ModifyEdge }>>();
    const compose = (by: number, m: ModifyEdge, target: number) => {
      offer(depth[by] + 1 + depth[target] + 1, () => {
        const access = pathTo(target);
        const last = access[access.length - 1];
        const pair = last && by === sid ? PAIR_IDS[`${m.action} ${last.pathId}`] : undefined;
        return [
          ...pathTo(by),
          { ...m.step, pathId: pair ?? m.step.pathId },
          ...access,
          adminStep(m.target.arn, [], `${m.target.arn} is administrator-equivalent after the change`),
        ];
      });
    };
    for (let i = 0; i < order.length && (this.allReaches || !best); i++) {
      const n = order[i];
      const nid = orderIds[i];
      done[nid] = gen;
      if (n !== start && this.isAdmin(n)) {
        offer(depth[nid] + 1, () => [
          ...pathTo(nid),
          adminStep(
            n.arn,
            this.adminStatements.get(n.arn) ?? [],
            `${n.arn} is administrator-equivalent after boundaries and SCPs`,
          ),
        ]);
        continue;
      }
      const out = this.out(n);
      for (const s of out.selfAdmin) offer(depth[nid] + 1, () => [...pathTo(nid), s]);
      for (const m of out.modifies) {
        const t = ids.get(m.target.arn);
        if (t === undefined) continue;
        if (done[t] === gen) compose(nid, m, t);
        else {
          const list = pending.get(t) ?? [];
          list.push({ by: nid, m });
          pending.set(t, list);
        }
      }
      for (const w of pending.get(nid) ?? []) compose(w.by, w.m, nid);
      const targets = this.targetsOf(out);
      for (let k = 0; k < targets.length; k++) {
        const t = targets[k];
        if (t < 0 || seen[t] === gen) continue;
        seen[t] = gen;
        depth[t] = depth[nid] + 1;
        parentFrom[t] = nid;
        parentStep[t] = out.edges[k];
        order.push(principals[t]);
        orderIds.push(t);
      }
    }
    const reaches: Reach[] = [];
    const unknown = this.unknownOf(order);
    if (best) {
      reaches.push({ target: 'admin', path: best, escalates: true });
      if (!this.allReaches) return { ...base, admin: false, canEscalate: true, reaches, unknown };
    }
    const granted = this.grantedRoles(start);
    for (let i = 1; i < order.length; i++) {
      const n = order[i];
      const admin = this.isAdmin(n);
      const witness = admin ? undefined : this.witness(start, n, granted);
      const escalates = admin || witness !== undefined;
      if (escalates || this.allReaches)
        reaches.push({
          target: n.arn,
          path: pathTo(orderIds[i]),
          escalates,
          ...(witness ? { witness } : {}),
        });
    }
    for (let i = 0; i < order.length; i++) {
      for (const g of this.out(order[i]).groups) {
        const witness = this.witness(start, g.as, granted);
        const escalates = witness !== undefined;
        if (escalates || this.allReaches)
          reaches.push({
            target: g.step.to,
            path: [...pathTo(orderIds[i]), g.step],
            escalates,
            ...(witness ? { witness } : {}),
          });
      }
    }
    return { ...base, admin: false, canEscalate: reaches.some((r) => r.escalates), reaches, unknown };
  }

  /**
   * The paths left unknown for the start: its own and those of every node it reaches, each
   * (path id, actions, reason) once, in the order the nodes were reached. Nodes that share
   * policies share their unknown paths, and an entry does not say which node it came from, so
   * a repeat would add nothing.
   */
  private unknownOf(nodes: Principal[]): UnknownPath[] {
    const out: UnknownPath[] = [];
    const seen = new Set<UnknownPath>();
    for (const n of nodes) {
      for (const u of this.out(n).unknown) {
        if (seen.has(u)) continue;
        seen.add(u);
        out.push(u);
      }
    }
    return out;
  }

  /** One object per distinct unknown path, so a start's list is deduplicated by identity. */
  private readonly unknownIntern = new Map<string, UnknownPath>();

  private addUnknown(o: Out, u: UnknownPath): void {
    const key = unknownKey(u);
    let same = this.unknownIntern.get(key);
    if (!same) {
      same = u;
      this.unknownIntern.set(key, u);
    }
    if (!o.unknown.includes(same)) o.unknown.push(same);
  }

  /** The straightforward search: the reference `analyse` is tested against (EscalationOptions.reference). */
  private analyseReference(start: Principal): PrincipalEscalation {
    const base = { principal: start.arn, account: start.account };
    if (this.isAdmin(start)) return { ...base, admin: true, canEscalate: false, reaches: [], unknown: [] };
    const parent = new Map<string, Step | null>([[start.arn, null]]);
    const order: Principal[] = [start];
    const pathTo = (arn: string): Step[] => {
      const path: Step[] = [];
      for (let s = parent.get(arn); s; s = parent.get(s.from)) path.unshift(s);
      return path;
    };
    let best: Step[] | undefined;
    const offer = (path: Step[]) => {
      if (!best || path.length < best.length) best = path;
    };
    const adminStep = (arn: string, statements: StatementRef[], why: string): Step => ({
      from: arn,
      to: 'admin',
      pathId: null,
      kind: 'admin',
      actions: [],
      statements,
      preconditions: [why],
    });
    // "M changes N, then the start acts as N": found when the second of M and N is visited.
    const pending = new Map<string, Array<{ by: Principal; m: ModifyEdge }>>();
    const done = new Set<string>();
    const compose = (by: Principal, m: ModifyEdge) => {
      const access = pathTo(m.target.arn);
      const last = access[access.length - 1];
      const pair = last && by === start ? PAIR_IDS[`${m.action} ${last.pathId}`] : undefined;
      offer([
        ...pathTo(by.arn),
        { ...m.step, pathId: pair ?? m.step.pathId },
        ...access,
        adminStep(m.target.arn, [], `${m.target.arn} is administrator-equivalent after the change`),
      ]);
    };
    // Breadth-first, so the first way to admin is a shortest one (or nearly, for compositions);
    // unless every reach is wanted, the search stops there.
    for (let i = 0; i < order.length && (this.allReaches || !best); i++) {
      const n = order[i];
      done.add(n.arn);
      if (n !== start && this.isAdmin(n)) {
        offer([
          ...pathTo(n.arn),
          adminStep(
            n.arn,
            this.adminStatements.get(n.arn) ?? [],
            `${n.arn} is administrator-equivalent after boundaries and SCPs`,
          ),
        ]);
        continue;
      }
      const out = this.out(n);
      for (const s of out.selfAdmin) offer([...pathTo(n.arn), s]);
      for (const m of out.modifies) {
        if (done.has(m.target.arn)) compose(n, m);
        else {
          const list = pending.get(m.target.arn) ?? [];
          list.push({ by: n, m });
          pending.set(m.target.arn, list);
        }
      }
      for (const w of pending.get(n.arn) ?? []) compose(w.by, w.m);
      for (const e of out.edges) {
        if (parent.has(e.to)) continue;
        const t = this.index.byArn.get(e.to);
        if (!t) continue;
        parent.set(e.to, e);
        order.push(t);
      }
    }
    const reaches: Reach[] = [];
    const unknown = this.unknownOf(order);
    if (best) {
      // Reaching admin is the finding; the nodes on the way are in its path (and in `graph`).
      reaches.push({ target: 'admin', path: best, escalates: true });
      if (!this.allReaches) return { ...base, admin: false, canEscalate: true, reaches, unknown };
    }
    const granted = this.grantedRoles(start);
    const add = (r: Reach) => {
      if (r.escalates || this.allReaches) reaches.push(r);
    };
    for (const n of order) {
      if (n === start) continue;
      const admin = this.isAdmin(n);
      const witness = admin ? undefined : this.witness(start, n, granted);
      add({
        target: n.arn,
        path: pathTo(n.arn),
        escalates: admin || witness !== undefined,
        ...(witness ? { witness } : {}),
      });
    }
    for (const n of order) {
      for (const g of this.out(n).groups) {
        const witness = this.witness(start, g.as, granted);
        add({
          target: g.step.to,
          path: [...pathTo(n.arn), g.step],
          escalates: witness !== undefined,
          ...(witness ? { witness } : {}),
        });
      }
    }
    return { ...base, admin: false, canEscalate: reaches.some((r) => r.escalates), reaches, unknown };
  }
}

/** Identifies an unknown path by what it says (path id, actions, reason). */
export function unknownKey(u: UnknownPath): string {
  return JSON.stringify([u.pathId, u.actions, u.missing]);
}

/** Escalation for every principal of the snapshot (or one). */
export function escalation(index: AccountIndex, options: EscalationOptions = {}): EscalationResult {
  const principals: PrincipalEscalation[] = [];
  const { notes } = escalationEach(index, options, (p) => principals.push(p));
  return { principals, notes };
}

/**
 * The same analysis, each start's answer handed to `visit` as soon as it is known and then
 * dropped: memory stays that of the graph, not of every answer (`--all-reaches` on 5,000
 * principals is over 13 million reaches). The notes are complete once it returns.
 */
export function escalationEach(
  index: AccountIndex,
  options: EscalationOptions,
  visit: (p: PrincipalEscalation) => void,
): { notes: string[] } {
  const analysis = new EscalationAnalysis(index, options);
  let starts = index.principals;
  if (options.principal) {
    const p = index.principal(options.principal);
    starts = p ? [p] : [];
  }
  starts.forEach((p, i) => {
    options.progress?.(i, starts.length);
    visit(analysis.analyse(p));
  });
  return { notes: analysis.notes };
}
