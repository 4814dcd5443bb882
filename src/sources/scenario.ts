/**
 * Reads simulation scenarios: one JSON object, a JSON array of them, or NDJSON (one per line).
 * Every problem is reported with the file, line, column and JSON path; policies embedded in a
 * scenario keep locations that point into the scenario file.
 */

import { isUtf8 } from 'node:buffer';
import type { MatchedStatement, PolicyRef, PolicySet, Scenario } from '../evaluate/types.js';
import type { ContextScalar } from '../policy/context.js';
import { type PolicyIssue, PolicyParseError } from '../policy/issues.js';
import { type JsonNode, type JsonSource, jsonTypeName, locate, members, parseJson } from '../policy/json.js';
import { LineIndex, type PathElement, type Position } from '../policy/location.js';
import { parsePolicyNode } from '../policy/parse.js';
import { principalProblem } from '../policy/principal.js';

export type ScenarioFormat = 'object' | 'array' | 'ndjson';

export interface ScenarioFile {
  format: ScenarioFormat;
  scenarios: Scenario[];
  /**
   * Per scenario, when its policies were read by the fast path: where they are in the input.
   * Their locations are then relative to the policies object; `relocate` places a matched
   * statement in the input (done only for what is printed).
   */
  origins?: Array<PolicyOrigin | undefined>;
}

/** Where a scenario's policies object starts in the input (its statements' locations are relative to it). */
export interface PolicyOrigin {
  path: PathElement[];
  line: number;
  column: number;
  offset: number;
}

/** A matched statement of a fast-read scenario, located in the input. */
export function relocate(m: MatchedStatement, o: PolicyOrigin): MatchedStatement {
  const move = (p: Position): Position => ({
    line: o.line,
    column: p.column + o.column,
    offset: p.offset + o.offset,
  });
  const { span, path } = m.location;
  return {
    ...m,
    location: { path: [...o.path, ...path], span: { start: move(span.start), end: move(span.end) } },
  };
}

interface Root {
  src: JsonSource;
  node: JsonNode;
  path: PathElement[];
}

interface FastScenario {
  scenario: Scenario;
  origin: PolicyOrigin;
}

const SCENARIO_FIELDS = [
  'request',
  'principalAccount',
  'resourceAccount',
  'policies',
  'organization',
  'name',
];
const SET_FIELDS = SCENARIO_FIELDS.filter((f) => f !== 'request');
const REQUEST_FIELDS = ['principal', 'action', 'resource', 'context'];
const NO_REQUEST: Scenario['request'] = { principal: '', action: '', resource: '' };

class Reader {
  readonly issues: PolicyIssue[] = [];

  constructor(readonly src: JsonSource) {}

  fail(message: string, node: JsonNode, path: PathElement[]): undefined {
    this.issues.push({ code: 'DATA_TYPE_MISMATCH', message, location: locate(this.src, node, path) });
    return undefined;
  }

  object(
    node: JsonNode,
    path: PathElement[],
    what: string,
    allowed: readonly string[],
  ): Map<string, JsonNode> | undefined {
    if (node.type !== 'object')
      return this.fail(`${what} must be a JSON object, found ${jsonTypeName(node)}`, node, path);
    const out = new Map<string, JsonNode>();
    for (const [name, keyNode, value] of members(node)) {
      if (!allowed.includes(name)) {
        this.fail(`Unknown field "${name}" in ${what}: expected ${allowed.join(', ')}`, keyNode, [
          ...path,
          { value: name },
        ]);
        continue;
      }
      out.set(name, value);
    }
    return out;
  }

  string(
    node: JsonNode | undefined,
    path: PathElement[],
    what: string,
    required: boolean,
  ): string | undefined {
    if (!node) return undefined;
    if (node.type !== 'string')
      return this.fail(`${what} must be a string, found ${jsonTypeName(node)}`, node, path);
    if (required && node.value === '') return this.fail(`${what} must not be empty`, node, path);
    return node.value as string;
  }

  account(node: JsonNode | undefined, path: PathElement[], what: string): string | undefined {
    const s = this.string(node, path, what, true);
    if (s !== undefined && !/^\d{12}$/.test(s))
      return this.fail(`${what} must be a 12-digit account id`, node!, path);
    return s;
  }

  /** A scenario, or with `set` a policy set: a scenario without its request (batch mode). */
  scenario(node: JsonNode, path: PathElement[], set = false): Scenario | undefined {
    const fields = this.object(
      node,
      path,
      set ? 'A policy set' : 'A scenario',
      set ? SET_FIELDS : SCENARIO_FIELDS,
    );
    if (!fields) return undefined;
    const at = (k: string): PathElement[] => [...path, { value: k }];
    const reqNode = fields.get('request');
    const polNode = fields.get('policies');
    if (!reqNode && !set) return this.fail('A scenario needs a "request" object', node, path);
    if (!polNode)
      return this.fail(`${set ? 'A policy set' : 'A scenario'} needs a "policies" object`, node, path);
    const request = reqNode ? this.request(reqNode, at('request')) : NO_REQUEST;
    const policies = this.policies(polNode, at('policies'));
    const principalAccount = this.account(
      fields.get('principalAccount'),
      at('principalAccount'),
      'principalAccount',
    );
    const resourceAccount = this.account(
      fields.get('resourceAccount'),
      at('resourceAccount'),
      'resourceAccount',
    );
    let organization: Scenario['organization'];
    const orgNode = fields.get('organization');
    if (orgNode) {
      const o = this.object(orgNode, at('organization'), 'organization', ['id', 'managementAccount']);
      if (o) {
        organization = {
          id: this.string(o.get('id'), [...at('organization'), { value: 'id' }], 'organization.id', true),
          managementAccount: this.account(
            o.get('managementAccount'),
            [...at('organization'), { value: 'managementAccount' }],
            'organization.managementAccount',
          ),
        };
      }
    }
    const name = this.string(fields.get('name'), at('name'), 'name', false);
    if (!request || !policies) return undefined;
    return { name, request, principalAccount, resourceAccount, policies, organization };
  }

  request(node: JsonNode, path: PathElement[]): Scenario['request'] | undefined {
    const f = this.object(node, path, 'request', REQUEST_FIELDS);
    if (!f) return undefined;
    const at = (k: string): PathElement[] => [...path, { value: k }];
    const need = (k: string) => {
      const n = f.get(k);
      if (!n) return this.fail(`request needs "${k}"`, node, path);
      return this.string(n, at(k), `request.${k}`, true);
    };
    let principal = need('principal');
    if (principal !== undefined) {
      const problem = principalProblem(principal);
      if (problem)
        principal = this.fail(`request.principal ${problem}`, f.get('principal')!, at('principal'));
    }
    const action = need('action');
    const resource = need('resource');
    let context: Record<string, ContextScalar | ContextScalar[]> | undefined;
    const ctxNode = f.get('context');
    if (ctxNode) {
      if (ctxNode.type !== 'object') {
        this.fail(
          `request.context must be a JSON object, found ${jsonTypeName(ctxNode)}`,
          ctxNode,
          at('context'),
        );
      } else {
        context = {};
        for (const [key, , value] of members(ctxNode)) {
          const p = [...at('context'), { value: key }];
          const scalar = (n: JsonNode, pp: PathElement[]) =>
            n.type === 'string' || n.type === 'number' || n.type === 'boolean'
              ? (n.value as ContextScalar)
              : this.fail(
                  `A context value must be a string, number, boolean or an array of them, found ${jsonTypeName(n)}`,
                  n,
                  pp,
                );
          if (value.type === 'array') {
            const list = (value.children ?? []).map((c, i) => scalar(c, [...p, { index: i }]));
            if (list.every((v) => v !== undefined)) context[key] = list as ContextScalar[];
          } else {
            const v = scalar(value, p);
            if (v !== undefined) context[key] = v;
          }
        }
      }
    }
    if (principal === undefined || action === undefined || resource === undefined) return undefined;
    if (!action.includes(':') && action !== '*') {
      return this.fail(
        `request.action "${action}" must be service:Action, e.g. s3:GetObject`,
        f.get('action')!,
        at('action'),
      );
    }
    return { principal, action, resource, context };
  }

  policy(node: JsonNode | undefined, path: PathElement[]): PolicyRef | undefined {
    if (!node || node.type === 'null') return undefined;
    if (node.type === 'object' && members(node).some(([k]) => k === 'document')) {
      const f = this.object(node, path, 'A named policy', ['name', 'document']);
      if (!f) return undefined;
      const name = this.string(f.get('name'), [...path, { value: 'name' }], 'name', true);
      const doc = this.document(f.get('document')!, [...path, { value: 'document' }]);
      return doc ? { name, document: doc } : undefined;
    }
    const doc = this.document(node, path);
    return doc ? { document: doc } : undefined;
  }

  document(node: JsonNode, path: PathElement[]) {
    const { policy, issues } = parsePolicyNode(this.src, node, path);
    this.issues.push(...issues);
    return issues.length === 0 ? policy : undefined;
  }

  list(node: JsonNode | undefined, path: PathElement[], what: string): PolicyRef[] | undefined {
    if (!node || node.type === 'null') return undefined;
    if (node.type !== 'array') return this.fail(`${what} must be an array of policies`, node, path);
    const out: PolicyRef[] = [];
    (node.children ?? []).forEach((c, i) => {
      const ref = this.policy(c, [...path, { index: i }]);
      if (ref) out.push(ref);
    });
    return out;
  }

  levels(node: JsonNode | undefined, path: PathElement[], what: string): PolicyRef[][] | undefined {
    if (!node || node.type === 'null') return undefined;
    if (node.type !== 'array') {
      return this.fail(
        `${what} must be an array of levels (root first), each an array of policies`,
        node,
        path,
      );
    }
    return (node.children ?? []).map((c, i) => this.list(c, [...path, { index: i }], `${what}[${i}]`) ?? []);
  }

  policies(node: JsonNode, path: PathElement[]): PolicySet | undefined {
    const f = this.object(node, path, 'policies', [
      'identity',
      'resource',
      'permissionBoundary',
      'sessionPolicy',
      'scps',
      'rcps',
      'vpcEndpoint',
    ]);
    if (!f) return undefined;
    const at = (k: string): PathElement[] => [...path, { value: k }];
    return {
      identity: this.list(f.get('identity'), at('identity'), 'policies.identity'),
      resource: this.policy(f.get('resource'), at('resource')),
      permissionBoundary: this.policy(f.get('permissionBoundary'), at('permissionBoundary')),
      sessionPolicy: this.policy(f.get('sessionPolicy'), at('sessionPolicy')),
      scps: this.levels(f.get('scps'), at('scps'), 'policies.scps'),
      rcps: this.levels(f.get('rcps'), at('rcps'), 'policies.rcps'),
      vpcEndpoint: this.policy(f.get('vpcEndpoint'), at('vpcEndpoint')),
    };
  }
}

function shift(node: JsonNode, by: number): void {
  (node as { offset: number }).offset += by;
  for (const c of node.children ?? []) shift(c, by);
}

/** Reads scenarios from text; throws a PolicyParseError listing every located problem. */
export function readScenarios(text: string, file?: string): ScenarioFile {
  const trimmed = text.trimStart();
  let format: ScenarioFormat;
  const entries: Array<Root | FastScenario> = [];
  if (trimmed === '') {
    throw new PolicyParseError(
      [
        {
          code: 'JSON_SYNTAX',
          message: 'The input is empty: expected a scenario, an array or NDJSON',
          location: { path: [], span: new LineIndex(text).span(0, 0) },
        },
      ],
      file,
    );
  }
  let whole: JsonSource | undefined;
  let wholeError: unknown;
  if (!ndjsonAtFirstLine(text, trimmed, file)) {
    try {
      whole = parseJson(text, file);
    } catch (e) {
      wholeError = e;
    }
  }
  if (whole) {
    if (whole.root.type === 'array') {
      format = 'array';
      const src = whole;
      (whole.root.children ?? []).forEach((c, i) => {
        entries.push({ src, node: c, path: [{ index: i }] });
      });
    } else {
      format = 'object';
      entries.push({ src: whole, node: whole.root, path: [] });
    }
  } else {
    // Not one JSON value: NDJSON when it has several non-empty lines, else report the JSON error.
    const lines = text.split('\n');
    if (wholeError !== undefined) {
      if (lines.filter((l) => l.trim() !== '').length < 2 || trimmed.startsWith('[')) throw wholeError;
      // NDJSON holds one complete value per line: when the first line is not one, the input is a
      // multi-line JSON document with a syntax error, which the whole-text error locates.
      try {
        parseJson(lines.find((l) => l.trim() !== '') ?? '', file);
      } catch {
        throw wholeError;
      }
    }
    format = 'ndjson';
    // Line positions of the whole input, needed only to locate a line read by the located reader.
    let lineIndex: LineIndex | undefined;
    const index = {
      get value() {
        lineIndex ??= new LineIndex(text);
        return lineIndex;
      },
    };
    let offset = 0;
    lines.forEach((line, i) => {
      if (line.trim() !== '') {
        const at = entries.length;
        const fast = fastScenarioLine(line, file, i + 1, offset, at);
        if (fast) entries.push(fast);
        else {
          let src: JsonSource;
          try {
            src = parseJson(line, file);
          } catch (e) {
            if (e instanceof PolicyParseError) {
              const issue = e.issues[0];
              const start = offset + issue.location.span.start.offset;
              throw new PolicyParseError(
                [
                  {
                    ...issue,
                    message: `${issue.message} (NDJSON line ${i + 1})`,
                    location: { path: [{ index: at }], span: index.value.span(start, 0) },
                  },
                ],
                file,
              );
            }
            throw e;
          }
          shift(src.root, offset);
          const duplicates = src.duplicates.map((d) => ({ ...d, path: [{ index: at }, ...d.path] }));
          entries.push({
            src: { text, file, root: src.root, lines: index.value, duplicates },
            node: src.root,
            path: [{ index: at }],
          });
        }
      }
      offset += line.length + 1;
    });
  }
  if (entries.length === 0) {
    throw new PolicyParseError(
      [
        {
          code: 'EMPTY_ARRAY',
          message: 'The array holds no scenarios',
          location: { path: [], span: new LineIndex(text).span(0, 0) },
        },
      ],
      file,
    );
  }
  const issues: PolicyIssue[] = [];
  const scenarios: Scenario[] = [];
  const origins: Array<PolicyOrigin | undefined> = [];
  for (const r of entries) {
    if ('scenario' in r) {
      scenarios.push(r.scenario);
      origins.push(r.origin);
      continue;
    }
    const reader = new Reader(r.src);
    const s = reader.scenario(r.node, r.path);
    issues.push(...reader.issues);
    if (s) {
      scenarios.push(s);
      origins.push(undefined);
    }
  }
  if (issues.length > 0) throw new PolicyParseError(issues, file);
  return { format, scenarios, origins };
}

/**
 * Whether the input is NDJSON as soon as its first line shows it: a first non-empty line that is
 * a complete JSON value with more text after it cannot be one JSON document, so the whole text
 * (possibly hundreds of megabytes) is not parsed only to fail at the second line.
 */
function ndjsonAtFirstLine(text: string, trimmed: string, file: string | undefined): boolean {
  if (trimmed.startsWith('[')) return false;
  const start = text.length - trimmed.length;
  const nl = text.indexOf('\n', start);
  if (nl < 0 || text.slice(nl + 1).trim() === '') return false;
  const first = text.slice(start, nl);
  try {
    JSON.parse(first);
    parseJson(first, file); // the same acceptance as the located reader (nesting depth)
  } catch {
    return false;
  }
  return true;
}

/** A policy set for batch mode: a scenario without its request. */
export interface PolicySetFile {
  policies: PolicySet;
  principalAccount?: string;
  resourceAccount?: string;
  organization?: Scenario['organization'];
}

/** Reads the policy set of batch mode (`--policies`); throws a PolicyParseError with every located problem. */
export function readPolicySet(
  text: string,
  file?: string,
  /** What to say instead when the file holds a "request" (the proof commands search every request). */
  requestHint = 'give the requests with --requests (or use --input for scenarios)',
): PolicySetFile {
  const src = parseJson(text, file);
  const reader = new Reader(src);
  const req = src.root.type === 'object' ? members(src.root).find(([k]) => k === 'request') : undefined;
  if (req) {
    reader.fail(`A policy set holds no "request": ${requestHint}`, req[1], [{ value: 'request' }]);
  }
  const s = reader.scenario(src.root, [], true);
  if (reader.issues.length > 0 || !s) throw new PolicyParseError(reader.issues, file);
  const { policies, principalAccount, resourceAccount, organization } = s;
  return { policies, principalAccount, resourceAccount, organization };
}

// ---------------------------------------------------------------------------------------------
// Fast paths. Input read with JSON.parse and checked with plain comparisons; any value they do
// not accept is read again with the located reader above, which produces the located error (or,
// should the two disagree, the value). So the error messages are the located reader's only.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ACCOUNT_ID = /^\d{12}$/;

function onlyFields(v: Json, allowed: readonly string[]): boolean {
  for (const k in v) if (!allowed.includes(k)) return false;
  return true;
}

function fastContext(c: unknown): boolean {
  if (!isObject(c)) return false;
  for (const k in c) {
    const v = c[k];
    const t = typeof v;
    if (t === 'string' || t === 'number' || t === 'boolean') continue;
    if (!Array.isArray(v)) return false;
    for (const e of v) {
      const te = typeof e;
      if (te !== 'string' && te !== 'number' && te !== 'boolean') return false;
    }
  }
  return true;
}

/** The request when the plain checks accept it (the same rules as Reader.request), else undefined. */
function fastRequest(v: unknown): Scenario['request'] | undefined {
  if (!isObject(v) || !onlyFields(v, REQUEST_FIELDS)) return undefined;
  const { principal, action, resource, context } = v;
  if (typeof principal !== 'string' || typeof action !== 'string' || typeof resource !== 'string')
    return undefined;
  if (principal === '' || resource === '' || (action !== '*' && !action.includes(':'))) return undefined;
  if (context !== undefined && !fastContext(context)) return undefined;
  if (principalProblem(principal) !== undefined) return undefined;
  return v as unknown as Scenario['request'];
}

/** Moves a location found in one line of text to where that line is in the whole input. */
function shiftLocation(
  issue: PolicyIssue,
  line: number,
  offset: number,
  path: PathElement[],
  suffix = '',
): PolicyIssue {
  const move = (p: { line: number; column: number; offset: number }) => ({
    line: p.line + line - 1,
    column: p.column,
    offset: p.offset + offset,
  });
  const { span } = issue.location;
  return {
    ...issue,
    message: issue.message + suffix,
    location: {
      path: [...path, ...issue.location.path],
      span: { start: move(span.start), end: move(span.end) },
    },
  };
}

/**
 * Reads the requests of batch mode, one line (NDJSON) or one array element at a time. Lines are
 * numbered by the caller; a bad one throws a PolicyParseError located at that line of `file`.
 */
export class RequestReader {
  constructor(readonly file?: string) {}

  /**
   * One NDJSON line. `line` is its 1-based number, `offset` where it starts in the input,
   * `index` its position among the requests (for the JSON path).
   */
  line(text: string, line: number, offset: number, index: number): Scenario['request'] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.located(text, line, offset, index);
    }
    return fastRequest(value) ?? this.located(text, line, offset, index);
  }

  /** Element `index` of a JSON array of requests (`src` is the located parse of the whole input). */
  element(value: unknown, index: number, whole: () => JsonSource): Scenario['request'] {
    const fast = fastRequest(value);
    if (fast) return fast;
    const src = whole();
    const node = src.root.children![index];
    return this.read(src, node, [{ index }], (i) => i);
  }

  private located(text: string, line: number, offset: number, index: number): Scenario['request'] {
    let src: JsonSource;
    const suffix = ` (request line ${line})`;
    try {
      src = parseJson(text, this.file);
    } catch (e) {
      if (e instanceof PolicyParseError) {
        throw new PolicyParseError(
          e.issues.map((i) => shiftLocation(i, line, offset, [{ index }], suffix)),
          this.file,
        );
      }
      throw e;
    }
    return this.read(src, src.root, [], (i) => shiftLocation(i, line, offset, [{ index }], suffix));
  }

  private read(
    src: JsonSource,
    node: JsonNode,
    path: PathElement[],
    move: (i: PolicyIssue) => PolicyIssue,
  ): Scenario['request'] {
    const reader = new Reader(src);
    const request =
      node.type === 'object'
        ? reader.request(node, path)
        : reader.fail(`A request must be a JSON object, found ${jsonTypeName(node)}`, node, path);
    if (reader.issues.length > 0 || !request) throw new PolicyParseError(reader.issues.map(move), this.file);
    return request;
  }
}

function fastAccount(v: unknown): boolean {
  return v === undefined || (typeof v === 'string' && ACCOUNT_ID.test(v));
}

// Policy sets read by the fast path, by content (compact JSON text): scenarios that repeat a
// policy set share one parsed (and so one compiled) set.
const policyCache = new Map<string, PolicySet | null>();

function cachedPolicies(key: string, file: string | undefined): PolicySet | undefined {
  const k = `${file ?? ''}\n${key}`;
  let hit = policyCache.get(k);
  if (hit === undefined) {
    if (policyCache.size >= 512) policyCache.clear();
    const src = parseJson(key, file);
    const reader = new Reader(src);
    hit = reader.policies(src.root, []) ?? null;
    if (reader.issues.length > 0) hit = null;
    policyCache.set(k, hit);
  }
  return hit ?? undefined;
}

const POLICIES = '"policies":';

/**
 * One NDJSON scenario line read with JSON.parse when it is compact JSON that the plain checks
 * accept; undefined sends the line to the located reader (which reports any error).
 */
function fastScenarioLine(
  line: string,
  file: string | undefined,
  lineNo: number,
  offset: number,
  index: number,
): FastScenario | undefined {
  const again = repeatedPolicies(line, file, lineNo, offset, index);
  if (again) return again;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(v) || !isObject(v.policies)) return undefined;
  // The policies' compact text is the cache key; finding it verbatim in the line gives the
  // position of every statement (a member name in quotes cannot occur inside a JSON string).
  const key = JSON.stringify(v.policies);
  const at = line.indexOf(POLICIES + key);
  if (at < 0) return undefined;
  const policies = cachedPolicies(key, file);
  if (!policies) return undefined;
  lastPolicies = { key, file, policies };
  return fastScenario(v, policies, lineNo, offset + at + POLICIES.length, at + POLICIES.length, index);
}

/** The policies of the last fast-read line, for the next lines that repeat them verbatim. */
let lastPolicies: { key: string; file: string | undefined; policies: PolicySet } | undefined;

/**
 * A line whose "policies" value is, character for character, the last fast-read one's: only the
 * rest of the line is parsed. The value is replaced by 0 before parsing, and the line is taken
 * only when the parse shows that 0 as the scenario's own "policies" member; then the replaced
 * text was that member's whole value (it is one complete JSON value), so the set is the same.
 */
function repeatedPolicies(
  line: string,
  file: string | undefined,
  lineNo: number,
  offset: number,
  index: number,
): FastScenario | undefined {
  const last = lastPolicies;
  if (last === undefined || last.file !== file) return undefined;
  const at = line.indexOf(POLICIES);
  if (at < 0) return undefined;
  const start = at + POLICIES.length;
  // (slice and === compare with memcmp; startsWith walks character by character, 10x slower)
  if (line.slice(start, start + last.key.length) !== last.key) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(`${line.slice(0, start)}0${line.slice(start + last.key.length)}`);
  } catch {
    return undefined;
  }
  if (!isObject(v) || v.policies !== 0) return undefined;
  return fastScenario(v, last.policies, lineNo, offset + start, start, index);
}

/** The checks of Reader.scenario on a JSON.parse'd line, with its policies already read. */
function fastScenario(
  v: Json,
  policies: PolicySet,
  lineNo: number,
  policiesOffset: number,
  policiesColumn: number,
  index: number,
): FastScenario | undefined {
  if (!onlyFields(v, SCENARIO_FIELDS)) return undefined;
  const request = fastRequest(v.request);
  if (!request || !fastAccount(v.principalAccount) || !fastAccount(v.resourceAccount)) return undefined;
  const { name, organization } = v;
  if (name !== undefined && typeof name !== 'string') return undefined;
  if (organization !== undefined) {
    if (!isObject(organization) || !onlyFields(organization, ['id', 'managementAccount'])) return undefined;
    const { id, managementAccount } = organization;
    if (id !== undefined && (typeof id !== 'string' || id === '')) return undefined;
    if (!fastAccount(managementAccount)) return undefined;
  }
  return {
    scenario: {
      name: name as string | undefined,
      request,
      principalAccount: v.principalAccount as string | undefined,
      resourceAccount: v.resourceAccount as string | undefined,
      policies,
      organization: organization as Scenario['organization'],
    },
    origin: {
      path: [{ index }, { value: 'policies' }],
      line: lineNo,
      column: policiesColumn,
      offset: policiesOffset,
    },
  };
}

/**
 * Streams NDJSON scenarios chunk by chunk (the input is never held whole), handing over each one
 * with where its policies are. Only for input every line of which the fast path accepts: it
 * returns false as soon as that is not so (a line the located reader must read, a first line that
 * is not a whole JSON value, a single scenario, bytes that are not UTF-8), and the caller then
 * reads the whole input with `readScenarios`, which gives the same results or the located errors.
 */
export async function streamScenarios(
  chunks: AsyncIterable<Buffer>,
  file: string | undefined,
  onScenario: (scenario: Scenario, origin: PolicyOrigin, index: number) => void,
): Promise<boolean> {
  let carry: Buffer | undefined;
  let lineNo = 0;
  let offset = 0;
  let index = 0;
  let first = true;
  let ok = true;
  const take = (line: string): boolean => {
    lineNo++;
    if (first && lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() !== '') {
      if (first) {
        // The same acceptance as readScenarios' NDJSON detection.
        if (line.trimStart().startsWith('[')) return false;
        try {
          parseJson(line, file);
        } catch {
          return false;
        }
        first = false;
      }
      const fast = fastScenarioLine(line, file, lineNo, offset, index);
      if (fast === undefined) return false;
      onScenario(fast.scenario, fast.origin, index++);
    }
    offset += line.length + 1;
    return true;
  };
  const lines = (bytes: Buffer): boolean => {
    // Whole lines only: a newline byte is never part of a multi-byte UTF-8 character.
    if (!isUtf8(bytes)) return false;
    const text = bytes.toString('utf8');
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      if (!take(text.slice(start, nl))) return false;
      start = nl + 1;
    }
    return take(text.slice(start));
  };
  for await (const chunk of chunks) {
    const bytes: Buffer = carry === undefined ? chunk : Buffer.concat([carry, chunk]);
    const nl = bytes.lastIndexOf(0x0a);
    if (nl < 0) {
      carry = bytes;
      continue;
    }
    carry = nl + 1 < bytes.length ? bytes.subarray(nl + 1) : undefined;
    if (!lines(bytes.subarray(0, nl))) {
      ok = false;
      break;
    }
  }
  if (ok && carry !== undefined) ok = lines(carry);
  // One scenario is a JSON document (format "object"), not NDJSON.
  return ok && index >= 2;
}
