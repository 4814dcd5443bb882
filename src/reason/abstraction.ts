/**
 * compile + encode: policies -> a finite abstraction of the request space plus formulas.
 *
 * Every request position (principal, action, resource, each condition key) becomes an enumeration
 * of equivalence classes: two values are in the same class when every predicate the policies (and
 * the query) apply to that position gives the same answer for both. Each class keeps one concrete
 * witness value, so a model of the formula is a concrete request. The predicates are the shared
 * matchers of src/evaluate/compile.ts and src/policy (compiled once per statement), evaluated on the
 * witnesses: the abstraction never restates IAM semantics, it only proposes values (witness.ts).
 *
 * Predicates that read more than one position (a resource ARN with `${aws:username}`, a condition
 * value with a variable, an unqualified operator on a multivalued key) become free booleans: the
 * abstraction then over-approximates, which keeps "never" answers sound; a model that depends on
 * such a boolean is confirmed by replay or discarded (see query.ts).
 */
import { expandActionPattern } from '../catalog/index.js';
import { type CompiledStatement, compileStatement } from '../evaluate/compile.js';
import { prepareRequest } from '../evaluate/evaluate.js';
import type { PolicyKind } from '../evaluate/types.js';
import { parseArn } from '../policy/arn.js';
import {
  binaryWitnesses,
  boolWitnesses,
  type Cidr,
  conditionKeysOf,
  dateWitnesses,
  type FamilyName,
  familyOf,
  ipWitnesses,
  literalValue,
  numericWitnesses,
  parseBinary,
  parseCidr,
  parseDate,
  parseNumeric,
  patternInstances,
  type StringPattern,
  stringPattern,
} from '../policy/conditions.js';
import { Context, type ContextInput, type RequestContext } from '../policy/context.js';
import type { ConditionEntry, PolicyDocument, Statement } from '../policy/model.js';
import { supportsPolicyVariables } from '../policy/model.js';
import { describePrincipal, type RequestPrincipal } from '../policy/principal.js';
import { parseTemplate, templateMatcher } from '../policy/variables.js';
import { compileGlob, escapeRegex, globRegexSource } from '../policy/wildcard.js';
import { type Deadline, NO_DEADLINE } from './deadline.js';
import { and, constant, FALSE, type Formula, inSet, not, or, TRUE } from './formula.js';
import { AbstractionTooLarge, stringWitnesses } from './witness.js';

/**
 * Keys the evaluator derives from the principal alone (src/evaluate/evaluate.ts deriveContext):
 * they are functions of the principal position, never separate variables.
 */
export const PRINCIPAL_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalservicename',
  'aws:principalisawsservice',
  'aws:username',
]);

/** How a policy takes part in a decision (it decides which replay scenario confirms a model). */
export type PolicyRole = 'identity' | 'resource' | 'scp' | 'rcp';

export interface PolicyInput {
  document: PolicyDocument;
  role: PolicyRole;
  name?: string;
}

type Witness = string | undefined;
/** The concrete truth of a predicate the abstraction leaves free, from the shared compiled closures. */
type FreeEval = (resource: string, ctx: RequestContext) => boolean;
type Pred = (w: Witness) => boolean;

interface PositionBuilder {
  index: number;
  name: string;
  kind: 'principal' | 'action' | 'resource' | 'key';
  key?: string;
  multi: boolean;
  patterns: StringPattern[];
  candidates: string[];
  numbers: number[];
  dates: number[];
  cidrs: Cidr[];
  binaries: string[];
  /**
   * Set-operator predicates of a multivalued key, by predicate index: the closure over a whole
   * value set, to decide the element "" (a set of only "" is the null data set, so [""] alone
   * cannot ask the operator about that element).
   */
  setPreds: Map<number, { qualifier: 'ForAllValues' | 'ForAnyValue'; fn: (values: string[]) => boolean }>;
  /** Value families comparing this key (Arn counted as String; Null compares no value). */
  families: Set<FamilyName>;
  stringOps: boolean;
  preds: Pred[];
}

export interface PositionInfo {
  index: number;
  name: string;
  kind: 'principal' | 'action' | 'resource' | 'key';
  /** Lowercased condition key (kind `key`). */
  key?: string;
  /** Multivalued condition key: classes are element classes, the value is a set of them. */
  multi: boolean;
  /** One witness per class; `undefined` is the "key absent" class of a single-valued key. */
  witnesses: Witness[];
  /** Multivalued key: the class of the element "" when it is a class of its own (it does not make a set non-null). */
  blankClass?: number;
}

/** A reference to a predicate, resolved into a formula once the classes are known. */
export type PredRef =
  | { k: 'single'; pos: number; pred: number }
  | {
      k: 'set';
      pos: number;
      pred: number;
      qualifier: 'ForAllValues' | 'ForAnyValue';
      absent: boolean;
      empty: boolean;
    }
  | { k: 'unqualifiedMulti'; pos: number; absent: boolean; empty: boolean; present: boolean }
  | { k: 'free'; id: number; why: string }
  | { k: 'any'; refs: PredRef[]; negate: boolean }
  | { k: 'const'; v: boolean };

export interface StatementPlan {
  policy: number;
  statement: Statement;
  compiled: CompiledStatement;
  effect: 'Allow' | 'Deny';
  parts: PredRef[];
  /** The Principal / NotPrincipal part, when the statement has one. */
  principalPart?: PredRef;
}

const NO_CONTEXT: RequestContext = { get: () => undefined };
const ROLE_KIND: Record<PolicyRole, PolicyKind> = {
  identity: 'identity',
  resource: 'resource',
  scp: 'scp',
  rcp: 'rcp',
};

const D12 = '[0-9]'.repeat(12);
const lit = (t: string) => escapeRegex(t);
const ANY_NAME = '..*';
/** Regex sources (the witness generator's dialect) for the shapes that decide a principal's kind. */
const PRINCIPAL_SHAPES: StringPattern[] = [
  `${lit('arn:aws:iam::')}${D12}${lit(':root')}`,
  `${lit('arn:aws:iam::')}${D12}${lit(':user/')}${ANY_NAME}`,
  `${lit('arn:aws:iam::')}${D12}${lit(':role/')}${ANY_NAME}`,
  `${lit('arn:aws:iam::')}${D12}${lit(':role/aws-service-role/')}${ANY_NAME}`,
  `${lit('arn:aws:iam::')}${D12}${lit(':role/')}.*${lit('AWSServiceRoleFor')}.*`,
  `${lit('arn:aws:sts::')}${D12}${lit(':assumed-role/')}${ANY_NAME}${lit('/')}${ANY_NAME}`,
  `${lit('arn:aws:sts::')}${D12}${lit(':federated-user/')}${ANY_NAME}`,
].map((source) => ({ source, ignoreCase: false }));

/**
 * Well-formed request principals: anonymous, a service, an IAM principal in a 12-digit account of
 * partition aws, or a federated / canonical-user principal a policy names.
 */
export function wellFormedPrincipal(w: string, named: ReadonlySet<string> = new Set()): boolean {
  const p = principalOf(w);
  if (p.kind === 'anonymous') return w === '*';
  if (p.kind === 'service') return true;
  if (p.kind === 'webIdentity' || p.kind === 'canonicalUser') return named.has(w);
  return IAM_KINDS.has(p.kind) && p.partition === 'aws' && /^\d{12}$/.test(p.account ?? '');
}

/** Accounts the abstraction invents for principals and resource owners nobody named. */
const FRESH_ACCOUNTS = ['210987654321', '109876543210', '987612340000', '876512340000', '765412340000'];

const EXPANSIONS = new Map<string, string[]>();
/** A few catalog actions a pattern covers (readable counterexamples); memoized per process. */
function catalogInstances(lowerPattern: string): string[] {
  let out = EXPANSIONS.get(lowerPattern);
  if (!out) {
    out = expandActionPattern(lowerPattern).slice(0, 2);
    if (EXPANSIONS.size > 50000) EXPANSIONS.clear();
    EXPANSIONS.set(lowerPattern, out);
  }
  return out;
}

const PRINCIPAL_DESCRIPTIONS = new Map<string, RequestPrincipal>();
export function principalOf(w: string): RequestPrincipal {
  let p = PRINCIPAL_DESCRIPTIONS.get(w);
  if (!p) {
    p = describePrincipal(w);
    if (PRINCIPAL_DESCRIPTIONS.size > 10000) PRINCIPAL_DESCRIPTIONS.clear();
    PRINCIPAL_DESCRIPTIONS.set(w, p);
  }
  return p;
}

const DERIVED = new Map<string, RequestContext>();
/** The context the evaluator derives from a principal (aws:PrincipalArn, aws:PrincipalAccount, ...). */
export function principalContext(w: string): RequestContext {
  let c = DERIVED.get(w);
  if (!c) {
    c = prepareRequest({ principal: w, action: 'leastpriv:Probe', resource: '*' }).contextObject;
    if (DERIVED.size > 10000) DERIVED.clear();
    DERIVED.set(w, c);
  }
  return c;
}

/** A pattern for text the reasoner writes itself (no policy variables or escapes in it). */
function rawPattern(
  value: string,
  mode: 'literal' | 'glob' | 'arn' | 'arnStrict',
  ignoreCase = false,
): StringPattern {
  const source =
    mode === 'literal' ? escapeRegex(value) : globRegexSource([value], mode !== 'glob', mode === 'arnStrict');
  return { source, ignoreCase };
}

function dedupe(patterns: StringPattern[]): StringPattern[] {
  const seen = new Set<string>();
  return patterns.filter((p) => {
    const k = `${p.ignoreCase ? 'i' : 's'}${p.source}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Readable instances of a wildcard pattern (fillers for `*` and `?`). */
function instances(pattern: string, filler = 'example'): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  return [pattern.replace(/\*/g, filler).replace(/\?/g, 'x'), pattern.replace(/\*/g, '').replace(/\?/g, 'x')];
}

export class Abstraction {
  readonly positions: PositionBuilder[] = [];
  private readonly byName = new Map<string, PositionBuilder>();
  readonly plans: StatementPlan[][] = [];
  /** Why each free boolean exists (reported with UNKNOWN answers). */
  readonly freeReasons: string[] = [];
  private readonly freeEvals: FreeEval[] = [];
  readonly mentionedAccounts = new Set<string>();
  /** Federated, canonical-user and service principals named in Principal elements. */
  readonly namedPrincipals = new Set<string>();
  /** User names worth a principal of their own (policy variables, aws:username conditions). */
  private readonly userNames = new Set<string>();
  readonly freshAccounts: string[] = [];
  private finalized: PositionInfo[] | undefined;
  private predSets: number[][][] = [];
  readonly multiKeys = new Set<string>();
  /** A condition key as the policy spelled it (for readable counterexamples). */
  readonly keySpelling = new Map<string, string>();
  private readonly defaultPairs: Array<[PredRef, PredRef]> = [];
  /** Positions whose classes could not all be enumerated: they carry an extra "unknown" class. */
  readonly approximate = new Set<number>();
  /** Per approximate position: the free boolean of each predicate on the unknown class. */
  private readonly approxFree = new Map<number, number[]>();
  /** Per approximate position: every witness seen (to concretize the unknown class). */
  readonly approxPool = new Map<number, string[]>();
  private readonly iamOnly: Array<{ pos: number; multi: boolean; absent?: PredRef; iam: PredRef }> = [];
  /** The resource a counterexample names when the policy names none: one of the policy's type. */
  probeResource = 'arn:aws:s3:::leastpriv-probe';

  constructor(
    readonly policies: readonly PolicyInput[],
    readonly deadline: Deadline = NO_DEADLINE,
  ) {
    tooLargeToDecide(policies, deadline);
    for (const p of policies) this.scanForMultiKeys(p.document);
    for (const p of policies) this.scanAccounts(p.document);
    deadline.check('compiling the policies');
    this.position('principal', 'principal');
    this.position('action', 'action');
    this.position('resource', 'resource');
    policies.forEach((p, i) => {
      this.plans.push(
        p.document.statements.map((st) => {
          deadline.tick('compiling the policies');
          return this.planStatement(i, p, st);
        }),
      );
    });
  }

  private scanForMultiKeys(doc: PolicyDocument): void {
    for (const st of doc.statements)
      for (const c of st.conditions) if (c.operator.qualifier) this.multiKeys.add(c.keyLower);
  }

  private scanAccounts(doc: PolicyDocument): void {
    const visit = (text: string) => {
      for (const m of text.matchAll(/(?<![0-9])[0-9]{12}(?![0-9])/g)) this.mentionedAccounts.add(m[0]);
    };
    visit(doc.text);
  }

  /** Accounts nobody named: `fresh(0)` plays "some other account", `fresh(1)` the resource owner. */
  fresh(i: number): string {
    while (this.freshAccounts.length <= i) {
      const next = FRESH_ACCOUNTS.find(
        (a) => !this.mentionedAccounts.has(a) && !this.freshAccounts.includes(a),
      );
      this.freshAccounts.push(next ?? String(100000000000 + this.freshAccounts.length * 7919));
    }
    return this.freshAccounts[i];
  }

  position(name: string, kind: PositionBuilder['kind'], key?: string): PositionBuilder {
    let p = this.byName.get(name);
    if (p) return p;
    if (this.finalized) throw new Error(`position ${name} added after the abstraction was finalized`);
    p = {
      index: this.positions.length,
      name,
      kind,
      key,
      multi: key !== undefined && this.multiKeys.has(key),
      patterns: [],
      candidates: [],
      numbers: [],
      dates: [],
      cidrs: [],
      binaries: [],
      setPreds: new Map(),
      families: new Set(),
      stringOps: false,
      preds: [],
    };
    this.positions.push(p);
    this.byName.set(name, p);
    return p;
  }

  keyPosition(key: string): PositionBuilder {
    return this.position(`key:${key}`, 'key', key);
  }

  /** Registers a predicate over one position; returns its reference. */
  pred(pos: PositionBuilder, fn: Pred): { k: 'single'; pos: number; pred: number } {
    if (this.finalized) throw new Error('predicate added after the abstraction was finalized');
    pos.preds.push(fn);
    return { k: 'single', pos: pos.index, pred: pos.preds.length - 1 };
  }

  private readonly freeByKey = new Map<string, number>();

  /**
   * A free boolean for a predicate the abstraction cannot decide. `key` identifies the predicate
   * as a function of the request: equal keys share one boolean (the same text compiled the same
   * way decides the same), which keeps e.g. two identical `${aws:username}` resources equivalent.
   */
  free(why: string, key: string | undefined, concrete: FreeEval): PredRef {
    if (key !== undefined) {
      const id = this.freeByKey.get(key);
      if (id !== undefined) return { k: 'free', id, why };
    }
    this.freeReasons.push(why);
    this.freeEvals.push(concrete);
    const id = this.freeReasons.length - 1;
    if (key !== undefined) this.freeByKey.set(key, id);
    return { k: 'free', id, why };
  }

  /** The concrete truth of each free boolean on a request (for refinement after a spurious model). */
  freeValues(request: {
    principal: string;
    action: string;
    resource: string;
    context?: ContextInput;
  }): boolean[] {
    const prepared = prepareRequest(request);
    return this.freeEvals.map((f) => f(request.resource, prepared.context));
  }

  /** Keys named by policy variables get a value of their own, so substituted patterns can match. */
  private variableKeys(keys: readonly string[]): void {
    for (const k of keys) {
      if (k === 'aws:username') this.addPrincipalUser('example');
      if (PRINCIPAL_KEYS.has(k)) continue;
      const pos = this.keyPosition(k);
      pos.stringOps = true;
      pos.candidates.push('example');
      this.pred(pos, (w) => w === undefined);
    }
  }

  // --- patterns feeding the witness generator -------------------------------------------------

  addActionPattern(pattern: string): void {
    const pos = this.byName.get('action')!;
    const lower = pattern.toLowerCase();
    pos.patterns.push(rawPattern(lower, 'glob', true));
    if (!/[*?]/.test(lower.split(':')[0] ?? '*') && lower !== '*')
      pos.candidates.push(...catalogInstances(lower));
    if (!/[*?]/.test(pattern)) pos.candidates.push(pattern);
  }

  /** A Resource / NotResource pattern (or a resource a query names), read as the evaluator reads it. */
  addResourcePattern(pattern: string, variables = false): void {
    const pos = this.byName.get('resource')!;
    const p = stringPattern(pattern, pattern.startsWith('arn:') ? 'arn' : 'glob', { variables });
    if (p) pos.patterns.push(p);
    pos.candidates.push(...patternInstances(pattern, variables));
  }

  addPrincipalAccount(account: string): void {
    const pos = this.byName.get('principal')!;
    pos.patterns.push(rawPattern(`arn:aws:iam::${account}:*`, 'glob'));
    pos.patterns.push(rawPattern(`arn:aws:sts::${account}:*`, 'glob'));
    if (!/[*?]/.test(account)) {
      pos.candidates.push(
        `arn:aws:iam::${account}:role/leastpriv-probe`,
        `arn:aws:iam::${account}:user/leastpriv-probe`,
        `arn:aws:sts::${account}:assumed-role/leastpriv-probe/leastpriv-session`,
        `arn:aws:iam::${account}:root`,
        `arn:aws:sts::${account}:federated-user/leastpriv-probe`,
        `arn:aws:iam::${account}:role/aws-service-role/example.amazonaws.com/AWSServiceRoleForExample`,
      );
    } else {
      for (const a of instances(account, this.fresh(0).slice(0, 12))) {
        if (/^\d{12}$/.test(a)) pos.candidates.push(`arn:aws:iam::${a}:role/leastpriv-probe`);
      }
    }
  }

  /**
   * Witness material for a principal predicate a query adds (a regular expression in the language
   * globRegexSource emits, plus negated character sets), with readable candidates.
   */
  addPrincipalPattern(pattern: StringPattern, candidates: readonly string[] = []): void {
    const pos = this.byName.get('principal')!;
    pos.patterns.push(pattern);
    pos.candidates.push(...candidates);
  }

  /** A user with this name in an account nobody named. */
  addPrincipalUser(name: string): void {
    if (name === '' || name.includes('/')) return;
    this.userNames.add(name);
  }

  /** Names of IAM users whose ARNs a policy text mentions. */
  private mentionedUserNames(doc: PolicyDocument): string[] {
    const out = new Set<string>();
    for (const m of doc.text.matchAll(/arn:aws:iam::\d{12}:user\/(?:[^"\s]*\/)?([^"\s/]+)"/g)) out.add(m[1]);
    return [...out];
  }

  addPrincipalValue(type: string, value: string): void {
    const pos = this.byName.get('principal')!;
    if (value === '*') return;
    if (type === 'AWS') {
      if (/^\d{12}$/.test(value)) {
        this.addPrincipalAccount(value);
        return;
      }
      const arn = parseArn(value);
      pos.patterns.push(rawPattern(value, 'literal'));
      pos.candidates.push(value);
      if (arn) {
        if (/^\d{12}$/.test(arn.account)) this.addPrincipalAccount(arn.account);
        const role = /^role\/(?:.*\/)?([^/]+)$/.exec(arn.resource);
        if (arn.service === 'iam' && role) {
          const session = `arn:${arn.partition}:sts::${arn.account}:assumed-role/${role[1]}/`;
          pos.patterns.push({ source: `${escapeRegex(session)}.*`, ignoreCase: false });
          pos.candidates.push(`${session}leastpriv-session`);
        }
      }
      return;
    }
    pos.patterns.push(rawPattern(value, 'literal', type === 'Service'));
    pos.candidates.push(value);
    this.namedPrincipals.add(value);
  }

  /**
   * Witness material for a condition entry on a key position, from the operator's family (the
   * family's parser reads the constants; the switch is exhaustive, so a family the reasoner does
   * not handle is a compile error). A key compared by two value families (e.g. Numeric and String)
   * is marked approximate: the product of their classes is not enumerated (see finalize).
   */
  private addConditionValues(pos: PositionBuilder, entry: ConditionEntry, variables: boolean): void {
    const base = entry.operator.base;
    const family = familyOf(base);
    if (family !== 'Null') pos.families.add(family === 'Arn' ? 'String' : family);
    for (const v of entry.values) {
      const text = String(v.value);
      switch (family) {
        case 'String':
        case 'Arn': {
          pos.stringOps = true;
          const ignoreCase = base.includes('IgnoreCase');
          const mode = family === 'Arn' ? 'arnStrict' : base.includes('Like') ? 'glob' : 'literal';
          const pattern = stringPattern(text, mode, { variables, ignoreCase });
          if (pattern) pos.patterns.push(pattern);
          pos.candidates.push(
            ...(mode === 'literal'
              ? [literalValue(text, variables) ?? text]
              : patternInstances(text, variables)),
          );
          if (pos.key && ACCOUNT_KEYS.has(pos.key)) pos.candidates.push(this.fresh(0));
          break;
        }
        case 'Numeric': {
          const n = parseNumeric(v.value);
          if (n !== undefined) pos.numbers.push(n);
          break;
        }
        case 'Date': {
          const n = parseDate(v.value);
          if (n !== undefined) pos.dates.push(n);
          break;
        }
        case 'Bool':
          pos.candidates.push(...boolWitnesses());
          break;
        case 'IpAddress': {
          const c = parseCidr(v.value);
          if (c) pos.cidrs.push(c);
          break;
        }
        case 'Binary': {
          const b = parseBinary(v.value);
          if (b !== undefined) pos.binaries.push(b);
          break;
        }
        case 'Null':
          pos.candidates.push('example');
          break;
        default: {
          const unhandled: never = family;
          throw new Error(`no witness points for operator family ${String(unhandled)}`);
        }
      }
    }
  }

  /** Adds patterns for a value of a principal-derived key used in a condition. */
  private addPrincipalKeyValues(key: string, entry: ConditionEntry, variables: boolean): void {
    const pos = this.byName.get('principal')!;
    const base = entry.operator.base;
    for (const v of entry.values) {
      const text = String(v.value);
      if (key === 'aws:principalarn') {
        const mode = base.startsWith('Arn') ? 'arnStrict' : base.includes('Like') ? 'glob' : 'literal';
        const pattern = stringPattern(text, mode, { variables, ignoreCase: base.includes('IgnoreCase') });
        if (pattern) pos.patterns.push(pattern);
        const arn = parseArn(text);
        // Readable instances first: a wildcard account becomes an account nobody named.
        const concrete =
          arn && mode !== 'literal' && /[*?]/.test(arn.account)
            ? text.replace(arn.account, this.fresh(0))
            : text;
        for (const inst of mode === 'literal' ? [text] : instances(concrete, 'leastpriv')) {
          pos.candidates.push(inst);
          const a = parseArn(inst);
          if (a && /^\d{12}$/.test(a.account)) this.addPrincipalAccount(a.account);
          // A role's sessions carry the role's ARN (without its path) as aws:PrincipalArn.
          const role = a && a.service === 'iam' ? /^role\/(?:.*\/)?([^/]+)$/.exec(a.resource) : null;
          if (a && role)
            pos.candidates.push(`arn:aws:sts::${a.account}:assumed-role/${role[1]}/leastpriv-session`);
        }
        if (arn && arn.service === 'iam' && arn.resource.startsWith('role/')) {
          const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
          pos.patterns.push(rawPattern(`arn:aws:sts::${arn.account}:assumed-role/${name}/*`, 'glob'));
        }
      } else if (key === 'aws:username') {
        // The user's name: a user ARN ending in it (any path).
        pos.patterns.push({
          source: `${globRegexSource(['arn:aws:iam::*:user/*'])}${globRegexSource([text])}`,
          ignoreCase: false,
        });
        for (const inst of instances(text, 'leastpriv')) this.addPrincipalUser(inst);
      } else if (key === 'aws:principalaccount') {
        this.addPrincipalAccount(text);
      } else if (key === 'aws:principalservicename') {
        const pattern = stringPattern(text, base.includes('Like') ? 'glob' : 'literal', {
          variables,
          ignoreCase: true,
        });
        if (pattern) pos.patterns.push(pattern);
        pos.candidates.push(...instances(text));
      }
    }
  }

  // --- statements ------------------------------------------------------------------------------

  private planStatement(policyIndex: number, input: PolicyInput, st: Statement): StatementPlan {
    const doc = input.document;
    const variables = supportsPolicyVariables(doc);
    const compiled = compileStatement(st, doc, ROLE_KIND[input.role], input.name ?? `policy${policyIndex}`);
    const parts: PredRef[] = [];
    const principalPos = this.byName.get('principal')!;
    const actionPos = this.byName.get('action')!;
    const resourcePos = this.byName.get('resource')!;

    for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) this.addActionPattern(a.value);
    parts.push(this.pred(actionPos, (w) => compiled.matchesAction((w ?? '').toLowerCase())));

    const resources = [...(st.resource ?? []), ...(st.notResource ?? [])].map((r) => r.value);
    if (resources.length > 0) {
      const dynamic = resources.some((r) => parseTemplate(r, { variables }).dynamic);
      for (const r of resources) {
        const t = parseTemplate(r, { variables });
        if (!t.dynamic) this.addResourcePattern(r, variables);
        else {
          // The pattern with every variable read as `example` (the value variable keys get first):
          // a class of its own, so a model can pick a resource the substituted pattern matches.
          // Also with each user name the policies mention (user ARNs in Principal elements).
          for (const value of ['example', ...this.mentionedUserNames(doc).slice(0, 4)]) {
            const plain = r.replace(/\$\{[^}]*\}/g, value);
            this.byName.get('resource')!.candidates.push(...instances(plain));
            this.addResourcePattern(plain);
            const m = compileGlob(plain, { arn: plain.startsWith('arn:') });
            this.pred(resourcePos, (w) => m(w ?? ''));
          }
        }
      }
      if (dynamic) {
        // Static patterns are one predicate; each pattern with a variable is a free boolean of its
        // own, shared by every statement and policy that writes the same pattern.
        const staticOnes = resources.filter((r) => !parseTemplate(r, { variables }).dynamic);
        // Through the template, as the evaluator reads them: ${*}, ${?} and ${$} are literal.
        const statics = staticOnes.map((r) =>
          templateMatcher(parseTemplate(r, { variables }), { arn: r.startsWith('arn:') }),
        );
        const refs: PredRef[] = [this.pred(resourcePos, (w) => statics.some((m) => m(w ?? '', NO_CONTEXT)))];
        for (const r of resources) {
          const t = parseTemplate(r, { variables });
          if (!t.dynamic) continue;
          this.variableKeys(t.keys);
          const arn = r.startsWith('arn:');
          refs.push(
            this.free(
              `statement ${label(st)}: Resource ${r} uses a policy variable`,
              JSON.stringify([r, variables]),
              templateMatcher(t, { arn }),
            ),
          );
        }
        parts.push({ k: 'any', refs, negate: st.resource === undefined });
      } else parts.push(this.pred(resourcePos, (w) => compiled.matchesResource(w ?? '', NO_CONTEXT)));
    }

    const block = st.principal ?? st.notPrincipal;
    if (block && !block.wildcard)
      for (const e of block.entries) this.addPrincipalValue(e.type, e.value.value);
    let principalPart: PredRef | undefined;
    if (compiled.matchesPrincipal) {
      const m = compiled.matchesPrincipal;
      principalPart = this.pred(principalPos, (w) => m(principalOf(w ?? '*')) !== undefined);
      parts.push(principalPart);
    }

    st.conditions.forEach((entry, i) => {
      parts.push(this.planCondition(st, entry, compiled.conditions[i], variables));
    });
    return { policy: policyIndex, statement: st, compiled, effect: st.effect.value, parts, principalPart };
  }

  private planCondition(
    st: Statement,
    entry: ConditionEntry,
    fn: (ctx: RequestContext) => boolean,
    variables: boolean,
  ): PredRef {
    const keys = conditionKeysOf(entry, { variables });
    const key = entry.keyLower;
    if (!this.keySpelling.has(key)) this.keySpelling.set(key, entry.key.value);
    if (keys.length !== 1) {
      this.variableKeys(keys);
      const pos = PRINCIPAL_KEYS.has(key) ? undefined : this.keyPosition(key);
      if (pos) {
        pos.stringOps = true;
        // Values the variables are likely to take: `example` (what variable keys get), and for
        // aws:PrincipalAccount the accounts principals come from. Each substituted value is a class.
        for (const v of entry.values) {
          const text = String(v.value);
          const fills = /\$\{\s*aws:principalaccount\s*\}/i.test(text)
            ? ['example', this.fresh(0)]
            : ['example'];
          for (const fill of fills) {
            const value = text.replace(/\$\{[^}]*\}/g, fill);
            pos.candidates.push(value);
            this.pred(pos, (w) => w === value);
          }
        }
      }
      const id = JSON.stringify([entry.operator.text, key, entry.values.map((v) => v.value), variables]);
      return this.free(
        `statement ${label(st)}: ${entry.operator.text} on ${entry.key.value} uses a policy variable`,
        id,
        (_r, ctx) => fn(ctx),
      );
    }
    if (PRINCIPAL_KEYS.has(key)) {
      this.addPrincipalKeyValues(key, entry, variables);
      return this.pred(this.byName.get('principal')!, (w) => fn(principalContext(w ?? '*')));
    }
    const pos = this.keyPosition(key);
    this.addConditionValues(pos, entry, variables);
    if (!pos.multi) {
      return this.pred(pos, (w) => fn(w === undefined ? NO_CONTEXT : new Context({ [key]: w })));
    }
    const absent = fn(NO_CONTEXT);
    const empty = fn(new Context({ [key]: [] }));
    const qualifier = entry.operator.qualifier;
    if (!qualifier) {
      // A single-valued operator on a multivalued key: the evaluator answers the same for every
      // present value set; check that on two sets and fall back to a free boolean otherwise.
      const a = fn(new Context({ [key]: ['example'] }));
      const b = fn(new Context({ [key]: ['leastpriv', 'other'] }));
      if (a === b) return { k: 'unqualifiedMulti', pos: pos.index, absent, empty, present: a };
      return this.free(
        `statement ${label(st)}: ${entry.operator.text} on multivalued ${entry.key.value}`,
        undefined,
        (_r, ctx) => fn(ctx),
      );
    }
    const ref = this.pred(pos, (w) => fn(new Context({ [key]: [w ?? ''] })));
    pos.setPreds.set(ref.pred, { qualifier, fn: (values) => fn(new Context({ [key]: values })) });
    return { k: 'set', pos: pos.index, pred: ref.pred, qualifier, absent, empty };
  }

  // --- classes ---------------------------------------------------------------------------------

  /** Computes the classes of every position. Call after every predicate is registered. */
  finalize(): PositionInfo[] {
    if (this.finalized) return this.finalized;
    // Keys the evaluator fills in from the principal unless the request supplies them
    // (aws:username, aws:userid): "absent" is only possible when the principal derives nothing.
    const principalPos = this.byName.get('principal')!;
    // Users whose names policy variables or aws:username conditions may need: a class each.
    for (const name of this.userNames) {
      this.pred(principalPos, (w) => principalContext(w ?? '*').get('aws:username')?.values[0] === name);
    }
    for (const pos of [...this.positions]) {
      if (pos.kind !== 'key' || !pos.key || pos.multi) continue;
      const key = pos.key;
      const absent = this.pred(pos, (w) => w === undefined);
      const derived = this.pred(principalPos, (w) => principalContext(w ?? '*').get(key) !== undefined);
      this.defaultPairs.push([absent, derived]);
    }
    // Keys that describe an IAM principal (its organization, its tags) exist only for IAM
    // principals: never for anonymous requests or AWS services.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principal-properties
    const iam = this.pred(principalPos, (w) => IAM_KINDS.has(principalOf(w ?? '*').kind));
    for (const pos of [...this.positions]) {
      if (pos.kind !== 'key' || !pos.key || !isPrincipalScoped(pos.key)) continue;
      this.iamOnly.push({
        pos: pos.index,
        multi: pos.multi,
        absent: pos.multi ? undefined : this.pred(pos, (w) => w === undefined),
        iam,
      });
    }
    const infos: PositionInfo[] = [];
    this.predSets = [];
    for (const pos of this.positions) {
      let raw = [...new Set(this.rawWitnesses(pos))];
      // The element "" of a multivalued key is decided last, from the classes before it.
      if (pos.multi) raw = [...raw.filter((w) => w !== ''), ''];
      const seen = new Map<string, number>();
      const witnesses: Witness[] = [];
      const sigs: boolean[][] = [];
      const preds = pos.preds;
      let blankClass: number | undefined;
      const stage = `computing the classes of ${pos.name}`;
      for (const w of raw) {
        this.deadline.check(stage);
        const sig = new Array<boolean>(preds.length);
        let k = '';
        for (let i = 0; i < preds.length; i++) {
          this.deadline.tick(stage);
          const set = pos.multi && w === '' ? pos.setPreds.get(i) : undefined;
          sig[i] = set ? blankElement(set, i, witnesses, sigs) : preds[i](w);
          k += sig[i] ? '1' : '0';
        }
        if (seen.has(k)) continue;
        seen.set(k, witnesses.length);
        if (pos.multi && w === '') blankClass = witnesses.length;
        witnesses.push(w);
        sigs.push(sig);
        if (witnesses.length > MAX_CLASSES) {
          throw new AbstractionTooLarge(
            `${describePosition(pos)} has more than ${MAX_CLASSES.toLocaleString('en-US')} classes of values to tell apart; the limit is ${MAX_CLASSES.toLocaleString('en-US')}`,
          );
        }
      }
      if (this.approximate.has(pos.index)) {
        // The unknown class: last index; each predicate on it is a free boolean whose concrete
        // value is the predicate on the chosen resource.
        const ids = preds.map((pr, i) => {
          const ref = this.free(
            `${pos.name} has too many classes to enumerate (predicate ${i})`,
            undefined,
            (res) => pr(res),
          );
          return (ref as { id: number }).id;
        });
        this.approxFree.set(pos.index, ids);
        this.approxPool.set(
          pos.index,
          raw.filter((w): w is string => w !== undefined),
        );
        witnesses.push(witnesses[0]);
        sigs.push(preds.map(() => false));
      }
      const sets: number[][] = pos.preds.map((_, i) => {
        const s: number[] = [];
        sigs.forEach((sig, c) => {
          if (sig[i]) s.push(c);
        });
        return s;
      });
      this.predSets.push(sets);
      infos.push({
        index: pos.index,
        name: pos.name,
        kind: pos.kind,
        key: pos.key,
        multi: pos.multi,
        witnesses,
        ...(blankClass !== undefined ? { blankClass } : {}),
      });
    }
    this.finalized = infos;
    return infos;
  }

  private rawWitnesses(pos: PositionBuilder): Witness[] {
    const out: Witness[] = [];
    if (pos.kind === 'principal') {
      this.addPrincipalAccount(this.fresh(0));
      const p = pos;
      // Shapes that decide a principal's kind (src/policy/principal.ts describePrincipal), so that
      // the automaton walk separates users, roles, sessions, root, services and service-linked roles.
      p.patterns.push(...PRINCIPAL_SHAPES);
      const accounts = [this.fresh(0), ...[...this.mentionedAccounts].slice(0, 8)];
      for (const name of this.userNames)
        for (const a of accounts) p.candidates.push(`arn:aws:iam::${a}:user/${name}`);
      p.candidates.push('*', 'leastpriv-probe.amazonaws.com');
      out.push(...p.candidates);
      // Service principals are enumerated (each one named, plus one other), not walked.
      out.push(...stringWitnesses(dedupe(p.patterns), [], undefined, undefined, this.deadline));
      return out;
    }
    if (pos.kind === 'action') {
      out.push(...pos.candidates, 'leastpriv:Probe');
      out.push(...stringWitnesses(dedupe(pos.patterns), [], undefined, undefined, this.deadline));
      return out;
    }
    if (pos.kind === 'resource') {
      out.push(this.probeResource, ...pos.candidates);
      const partial: string[] = [];
      try {
        out.push(...stringWitnesses(dedupe(pos.patterns), [], 20000, partial, this.deadline));
      } catch (error) {
        if (!(error instanceof AbstractionTooLarge)) throw error;
        // Too many combinations to enumerate: keep what was found and add one "unknown" class
        // whose predicates are free booleans (an over-approximation; see finalize).
        out.push(...partial);
        this.approximate.add(pos.index);
      }
      return out;
    }
    // Condition keys: readable candidates first, then each value family's witness points.
    if (!pos.multi) out.push(undefined);
    const strings = pos.stringOps || pos.families.size === 0;
    out.push(...pos.candidates);
    if (strings) {
      out.push('example');
      out.push(...stringWitnesses(dedupe(pos.patterns), [], undefined, undefined, this.deadline));
    }
    if (pos.families.has('Numeric')) out.push(...numericWitnesses(pos.numbers));
    if (pos.families.has('Date')) out.push(...dateWitnesses(pos.dates));
    if (pos.families.has('IpAddress')) out.push(...ipWitnesses(pos.cidrs));
    if (pos.families.has('Binary')) out.push(...binaryWitnesses(pos.binaries));
    if (pos.families.has('Bool')) out.push(...boolWitnesses());
    // Each family's witnesses cover its own classes; a value that two families read differently
    // (a string pattern and a number range on one key) is not enumerated: the position gets an
    // "unknown" class whose predicates are free booleans (an over-approximation; see finalize).
    if (pos.families.size > 1 || (pos.stringOps && pos.families.size > 0 && !onlyStrings(pos.families))) {
      if (pos.multi) {
        throw new AbstractionTooLarge(
          `condition key ${this.keySpelling.get(pos.key ?? '') ?? pos.key} is compared by several operator families (${[...pos.families].join(', ')}) in set operators`,
        );
      }
      this.approximate.add(pos.index);
    }
    if (pos.multi) return [...out.filter((w) => w !== undefined), ''];
    return out;
  }

  info(): PositionInfo[] {
    if (!this.finalized) throw new Error('abstraction not finalized');
    return this.finalized;
  }

  /** The formula of a predicate reference (after finalize). */
  formulaOf(ref: PredRef): Formula {
    const infos = this.info();
    switch (ref.k) {
      case 'const':
        return constant(ref.v);
      case 'free':
        return { k: 'free', id: ref.id };
      case 'any': {
        const f = or(...ref.refs.map((r) => this.formulaOf(r)));
        return ref.negate ? not(f) : f;
      }
      case 'single': {
        const n = infos[ref.pos].witnesses.length;
        const known = inSet(ref.pos, this.predSets[ref.pos][ref.pred], n);
        const free = this.approxFree.get(ref.pos);
        if (!free) return known;
        return or(known, and(inSet(ref.pos, [n - 1], n), { k: 'free', id: free[ref.pred] }));
      }
      case 'unqualifiedMulti': {
        // Depends only on absent / present-and-empty / present-with-values (e.g. Null).
        const present: Formula = { k: 'present', pos: ref.pos };
        const nonEmpty = nonNull(infos[ref.pos]);
        return or(
          and(not(present), constant(ref.absent)),
          and(present, not(nonEmpty), constant(ref.empty)),
          and(present, nonEmpty, constant(ref.present)),
        );
      }
      case 'set': {
        const n = infos[ref.pos].witnesses.length;
        const yes = new Set(this.predSets[ref.pos][ref.pred]);
        const present: Formula = { k: 'present', pos: ref.pos };
        const has = (c: number): Formula => ({ k: 'has', pos: ref.pos, cls: c });
        const all: number[] = [];
        for (let c = 0; c < n; c++) all.push(c);
        const nonEmpty = nonNull(infos[ref.pos]);
        const agg =
          ref.qualifier === 'ForAnyValue'
            ? or(...all.filter((c) => yes.has(c)).map(has))
            : and(...all.filter((c) => !yes.has(c)).map((c) => not(has(c))));
        return or(
          and(not(present), constant(ref.absent)),
          and(present, not(nonEmpty), constant(ref.empty)),
          and(present, nonEmpty, agg),
        );
      }
    }
  }

  /** A single-position predicate over witnesses, registered before finalize (for query constraints). */
  constraint(name: 'principal' | 'action' | 'resource', fn: (w: string) => boolean): PredRef {
    return this.pred(this.byName.get(name)!, (w) => fn(w ?? ''));
  }

  keyConstraint(key: string, fn: (w: Witness) => boolean): PredRef {
    return this.pred(this.keyPosition(key), fn);
  }

  getPosition(name: string): PositionBuilder | undefined {
    return this.byName.get(name);
  }

  /** True when the value matches a constant or pattern the policies use at this position. */
  mentionedMatcher(name: string): (w: string) => boolean {
    const pos = this.byName.get(name);
    if (!pos) return () => false;
    const res = pos.patterns.map((p) => new RegExp(`^${p.source}$`, p.ignoreCase ? 'is' : 's'));
    return (w) => res.some((r) => r.test(w));
  }

  addKeyMaterial(key: string, patterns: StringPattern[], candidates: string[]): void {
    const pos = this.keyPosition(key);
    pos.stringOps = true;
    pos.patterns.push(...patterns);
    pos.candidates.push(...candidates);
  }

  /** Well-formedness facts every query includes (see finalize). */
  consistency(): Formula {
    const parts = this.defaultPairs.map(([a, d]) => not(and(this.formulaOf(a), this.formulaOf(d))));
    for (const k of this.iamOnly) {
      const present: Formula = k.multi ? { k: 'present', pos: k.pos } : not(this.formulaOf(k.absent!));
      parts.push(or(not(present), this.formulaOf(k.iam)));
    }
    return and(...parts);
  }

  /** Classes where a single-position predicate holds (after finalize; the unknown class included when it may). */
  predClasses(ref: PredRef): number[] | undefined {
    if (ref.k !== 'single') return undefined;
    const set = this.predSets[ref.pos][ref.pred];
    return this.approxFree.has(ref.pos) ? [...set, this.info()[ref.pos].witnesses.length - 1] : set;
  }

  /** For the unknown class of an approximate position: a seen value whose predicates match the model's free booleans. */
  approximateWitness(pos: number, free: readonly boolean[]): string | undefined {
    const ids = this.approxFree.get(pos);
    const pool = this.approxPool.get(pos);
    if (!ids || !pool) return undefined;
    const preds = this.positions[pos].preds;
    return pool.find((w) => ids.every((id, i) => preds[i](w) === free[id]));
  }

  statementFormula(plan: StatementPlan): Formula {
    return and(...plan.parts.map((p) => this.formulaOf(p)));
  }

  /** Allow and no Deny, for one policy (index into `policies`). */
  allows(policy: number): Formula {
    const plans = this.plans[policy];
    const allow = or(...plans.filter((p) => p.effect === 'Allow').map((p) => this.statementFormula(p)));
    const deny = or(...plans.filter((p) => p.effect === 'Deny').map((p) => this.statementFormula(p)));
    return and(allow, not(deny));
  }
}

const IAM_KINDS = new Set(['root', 'user', 'role', 'assumedRole', 'federatedUser']);

/** Classes one position may have: beyond this the encoding is too large to decide in useful time. */
export const MAX_CLASSES = 5000;

function describePosition(pos: PositionBuilder): string {
  return pos.kind === 'key' ? `condition key ${pos.key}` : `the ${pos.name}`;
}

/**
 * Refuses at once an input whose resource or action position certainly has more classes than
 * MAX_CLASSES, before any work: wildcard-free values that different wildcard-free statements
 * list are told apart by those statements alone, so the number of distinct "which statements
 * list this value" sets is a lower bound on the classes (issue 16: say so in plain words at once).
 */
function tooLargeToDecide(policies: readonly PolicyInput[], deadline: Deadline): void {
  const check = (
    what: string,
    listOf: (st: Statement) => string[] | undefined,
    norm: (v: string) => string,
  ) => {
    const owners = new Map<string, string>();
    let id = 0;
    for (const p of policies) {
      for (const st of p.document.statements) {
        deadline.tick('compiling the policies');
        const list = listOf(st);
        if (!list || list.some((v) => /[*?$]/.test(v))) continue;
        const me = `${id++},`;
        for (const v of new Set(list.map(norm))) owners.set(v, (owners.get(v) ?? '') + me);
      }
    }
    deadline.check('compiling the policies');
    const classes = new Set(owners.values()).size;
    if (classes > MAX_CLASSES) {
      throw new AbstractionTooLarge(
        `${classes.toLocaleString('en-US')} distinct ${what} to tell apart; the limit is ${MAX_CLASSES.toLocaleString('en-US')}`,
      );
    }
  };
  check(
    'resources',
    (st) => (st.resource ?? st.notResource)?.map((r) => r.value),
    (v) => v,
  );
  check(
    'actions',
    (st) => (st.action ?? st.notAction)?.map((a) => a.value),
    (v) => v.toLowerCase(),
  );
}

/**
 * The set holds a value other than "": a set of only empty strings is the "null data set" of
 * the set-operator page, which the evaluator treats like an empty set.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
function nonNull(info: PositionInfo): Formula {
  const parts: Formula[] = [];
  for (let c = 0; c < info.witnesses.length; c++)
    if (c !== info.blankClass) parts.push({ k: 'has', pos: info.index, cls: c });
  return or(...parts);
}

/**
 * The truth of a set operator for the element "" inside a non-null set, from a class decided
 * before it: ForAllValues over {"", s} with s satisfying it is the truth for "", ForAnyValue
 * over {"", s} with s failing it likewise. With no such s the element's truth changes no set's
 * answer (every non-null set also holds some other value that decides), so false is exact.
 */
function blankElement(
  set: { qualifier: 'ForAllValues' | 'ForAnyValue'; fn: (values: string[]) => boolean },
  pred: number,
  witnesses: readonly Witness[],
  sigs: readonly boolean[][],
): boolean {
  const want = set.qualifier === 'ForAllValues';
  const c = sigs.findIndex((sig, i) => sig[pred] === want && witnesses[i] !== '');
  return c < 0 ? false : set.fn(['', witnesses[c] as string]);
}

function onlyStrings(families: ReadonlySet<FamilyName>): boolean {
  for (const f of families) if (f !== 'String') return false;
  return true;
}

function isPrincipalScoped(key: string): boolean {
  return (
    key === 'aws:principalorgid' || key === 'aws:principalorgpaths' || key.startsWith('aws:principaltag/')
  );
}

/** Account-valued keys (their constants are account ids). */
export const ACCOUNT_KEYS = new Set([
  'aws:sourceaccount',
  'aws:sourceowner',
  'kms:calleraccount',
  'aws:resourceaccount',
]);

export function label(st: Statement): string {
  return st.sid?.value ?? String(st.index);
}

export { FALSE, TRUE };
