/**
 * The context a check runs in: the parsed document, the options, a way to report findings, and
 * shared, cached lookups (resolved actions, condition key records) so that checks stay small.
 */

import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';
import {
  type ActionInfo,
  type ConditionKeyInfo,
  expandActionInfos,
  getActionByName,
  getConditionKey,
  serviceExists,
} from '../catalog/index.js';
import { isTrustPolicyType } from '../catalog/resource-types.js';
import type { PolicyIssue } from '../policy/issues.js';
import { LineIndex, type Located, type Location, type PathElement } from '../policy/location.js';
import type { ConditionEntry, PolicyDocument, Statement } from '../policy/model.js';
import type { CheckInput, CheckMeta, Finding, MessageRef, PolicyType } from './types.js';

/** A message template of a check filled with a report's data (ESLint's `{{name}}` placeholders). */
export function fillMessage(meta: CheckMeta, ref: MessageRef): string {
  const template = meta.messages?.[ref.messageId];
  if (template === undefined) throw new Error(`${meta.issueCode} has no message "${ref.messageId}"`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!ref.data || !(name in ref.data))
      throw new Error(`${meta.issueCode} message "${ref.messageId}" needs data.${name}`);
    return String(ref.data[name]);
  });
}

/** One Action or NotAction entry, resolved against the catalog. */
export interface ResolvedAction {
  text: string;
  loc: Location;
  /** Service prefix as written (undefined for `*` or text without a colon). */
  service?: string;
  /** Action name part as written. */
  name?: string;
  /** True for `*` (all actions of all services). */
  all: boolean;
  /** True when the service prefix contains a wildcard. */
  serviceWildcard: boolean;
  /** True when the name part contains a wildcard. */
  nameWildcard: boolean;
  /** True when the service prefix is a known service. */
  knownService: boolean;
  /** The action record, for an exact action name that exists. */
  info?: ActionInfo;
}

// Catalog answers do not change within a process: cache them across documents.
const expandCache = new Map<string, ActionInfo[]>();
const keyCache = new Map<string, ConditionKeyInfo | null>();
const resolveCache = new Map<string, Omit<ResolvedAction, 'loc'>>();
const nameSetCache = new Map<string, Set<string>>();

export class CheckContext {
  readonly doc?: PolicyDocument;
  readonly issues: readonly PolicyIssue[];
  readonly policyType: PolicyType;
  readonly resourceType?: string;
  readonly findings: Finding[] = [];
  meta!: CheckMeta;
  private readonly actionCache = new Map<
    Statement,
    { action: ResolvedAction[]; notAction: ResolvedAction[] }
  >();

  constructor(input: CheckInput) {
    this.doc = input.doc;
    this.issues = input.issues;
    this.policyType = input.options.policyType;
    this.resourceType = input.options.resourceType;
  }

  /** True for an IAM role trust policy (RESOURCE_POLICY of type AWS::IAM::AssumeRolePolicyDocument). */
  get isTrustPolicy(): boolean {
    return this.policyType === 'RESOURCE_POLICY' && isTrustPolicyType(this.resourceType);
  }

  get statements(): readonly Statement[] {
    return this.doc?.statements ?? [];
  }

  /**
   * Records a finding of the running check at one or more locations: its details are a message
   * of the check's `meta.messages` by id (with `data` for the placeholders), or plain text.
   */
  report(message: string | MessageRef, locations: Location | readonly Location[]): void {
    const locs = Array.isArray(locations) ? [...locations] : [locations as Location];
    this.findings.push({
      findingType: this.meta.findingType,
      issueCode: this.meta.issueCode,
      findingDetails: typeof message === 'string' ? message : fillMessage(this.meta, message),
      learnMoreLink: this.meta.learnMoreLink,
      locations: locs,
    });
  }

  private tree?: { root: Node | undefined; lines: LineIndex };

  /** Locates an element by its JSON path (for elements the model does not keep, e.g. an empty Action). */
  locate(path: PathElement[]): Location | undefined {
    if (!this.doc) return undefined;
    if (!this.tree) this.tree = { root: parseTree(this.doc.text), lines: new LineIndex(this.doc.text) };
    if (!this.tree.root) return undefined;
    const segs = path.map((p) => ('index' in p ? p.index : 'value' in p ? p.value : p.key));
    const node = findNodeAtLocation(this.tree.root, segs);
    if (!node) return undefined;
    return { path, span: this.tree.lines.span(node.offset, node.length) };
  }

  /** The location of a statement's element (`Action`, `Resource`, ...), or the statement's. */
  elementLoc(st: Statement, name: string): Location {
    return this.locate([...st.loc.path, { value: name }]) ?? st.loc;
  }

  /** The source text of a located element. */
  text(loc: Location): string {
    return this.doc ? this.doc.text.slice(loc.span.start.offset, loc.span.end.offset) : '';
  }

  actions(st: Statement): ResolvedAction[] {
    return this.resolved(st).action;
  }

  notActions(st: Statement): ResolvedAction[] {
    return this.resolved(st).notAction;
  }

  private resolved(st: Statement): { action: ResolvedAction[]; notAction: ResolvedAction[] } {
    let r = this.actionCache.get(st);
    if (!r) {
      r = {
        action: (st.action ?? []).map(resolveAction),
        notAction: (st.notAction ?? []).map(resolveAction),
      };
      this.actionCache.set(st, r);
    }
    return r;
  }

  /** The actions an entry stands for, within its service (empty for `*` or a wildcard service). */
  expand(a: ResolvedAction): ActionInfo[] {
    if (a.info) return [a.info];
    if (a.all || a.serviceWildcard || !a.knownService || !a.nameWildcard) return [];
    const k = a.text.toLowerCase();
    let out = expandCache.get(k);
    if (!out) {
      out = expandActionInfos(a.text);
      if (expandCache.size > 20000) expandCache.clear();
      expandCache.set(k, out);
    }
    return out;
  }

  /** The canonical names an entry stands for, as a set (cached per pattern). */
  expandNames(a: ResolvedAction): Set<string> {
    const k = a.text.toLowerCase();
    let set = nameSetCache.get(k);
    if (!set) {
      set = new Set(this.expand(a).map((x) => x.fullName));
      if (nameSetCache.size > 20000) nameSetCache.clear();
      nameSetCache.set(k, set);
    }
    return set;
  }

  /** The catalog record of a condition key (cached; undefined when unknown). */
  key(key: string): ConditionKeyInfo | undefined {
    const k = key.toLowerCase();
    let v = keyCache.get(k);
    if (v === undefined) {
      v = getConditionKey(key) ?? null;
      if (keyCache.size > 20000) keyCache.clear();
      keyCache.set(k, v);
    }
    return v ?? undefined;
  }

  /** Condition entries of a statement whose key equals `key` (case-insensitive). */
  conditionsFor(st: Statement, key: string): ConditionEntry[] {
    const k = key.toLowerCase();
    return st.conditions.filter((c) => c.keyLower === k);
  }
}

export function resolveAction(loc: Located<string>): ResolvedAction {
  let r = resolveCache.get(loc.value);
  if (!r) {
    const { loc: _ignored, ...rest } = resolveUncached(loc);
    r = rest;
    if (resolveCache.size > 50000) resolveCache.clear();
    resolveCache.set(loc.value, r);
  }
  // One object shape for every entry keeps property access monomorphic in the checks.
  return {
    text: r.text,
    loc: loc.loc,
    service: r.service,
    name: r.name,
    all: r.all,
    serviceWildcard: r.serviceWildcard,
    nameWildcard: r.nameWildcard,
    knownService: r.knownService,
    info: r.info,
  };
}

function resolveUncached(loc: Located<string>): ResolvedAction {
  const text = loc.value;
  if (text === '*') {
    return {
      text,
      loc: loc.loc,
      service: undefined,
      name: undefined,
      all: true,
      serviceWildcard: true,
      nameWildcard: true,
      knownService: false,
      info: undefined,
    };
  }
  const colon = text.indexOf(':');
  if (colon < 0) {
    return {
      text,
      loc: loc.loc,
      all: false,
      serviceWildcard: false,
      nameWildcard: false,
      knownService: false,
    };
  }
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  const serviceWildcard = /[*?]/.test(service);
  const nameWildcard = /[*?]/.test(name);
  const knownService = !serviceWildcard && serviceExists(service);
  return {
    text,
    loc: loc.loc,
    service,
    name,
    all: false,
    serviceWildcard,
    nameWildcard,
    knownService,
    info: knownService && !nameWildcard ? getActionByName(text) : undefined,
  };
}

/** Case-insensitive wildcard test of an action pattern against a concrete action name. */
const patternCache = new Map<string, RegExp>();

export function actionPatternMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    const src = pattern
      .toLowerCase()
      .replace(/[.+^${}()|[\]\\/]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${src}$`, 's');
    if (patternCache.size > 10000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re.test(action.toLowerCase());
}

/** True when a condition key's prefix names an identity provider rather than a service (OIDC/SAML keys). */
export function isProviderKey(key: string): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  const prefix = key.slice(0, colon);
  return prefix.includes('.') || prefix.includes('/');
}
