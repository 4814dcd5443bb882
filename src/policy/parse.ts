/**
 * Policy document parser: JSON text -> PolicyDocument, keeping a location for every element,
 * and collecting every structural issue (located) instead of stopping at the first.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * Elements: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
import { type PolicyIssue, type PolicyIssueCode, PolicyParseError } from './issues.js';
import { type JsonNode, type JsonSource, jsonTypeName, locate, members, parseJson } from './json.js';
import { childPath, LineIndex, type Located, type Location, type PathElement } from './location.js';
import {
  BASE_OPERATORS,
  type BaseOperator,
  type ConditionEntry,
  type ConditionOperator,
  type ConditionValue,
  type Effect,
  type PolicyDocument,
  type PrincipalBlock,
  type PrincipalEntry,
  type PrincipalType,
  type Statement,
} from './model.js';

export interface ParseResult {
  /** The document, built as far as the issues allow (undefined only when the JSON is unusable). */
  policy?: PolicyDocument;
  issues: PolicyIssue[];
}

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_ELEMENTS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const PRINCIPAL_TYPES = new Set<PrincipalType>(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const BASE_BY_NAME = new Map<string, BaseOperator>(BASE_OPERATORS.map((o) => [o, o]));

/**
 * Splits a condition operator name into qualifier, base operator and IfExists suffix.
 * Returns undefined for names that are not operators of the IAM JSON reference.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export function parseOperator(text: string): ConditionOperator | undefined {
  let rest = text;
  let qualifier: ConditionOperator['qualifier'];
  if (rest.startsWith('ForAllValues:')) {
    qualifier = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    qualifier = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BASE_BY_NAME.get(rest);
  if (!base) return undefined;
  // "You cannot use ...IfExists with the Null condition operator."
  if (base === 'Null' && ifExists) return undefined;
  return { text, base, ifExists, qualifier };
}

class Parser {
  readonly issues: PolicyIssue[] = [];

  /**
   * @param release the tree belongs to this parse alone: each statement's subtree is let go once
   *   its model is built, so a large policy never holds its whole tree and its whole model at once.
   */
  constructor(
    private readonly src: JsonSource,
    private readonly release = false,
  ) {}

  /** Statements of a root `Statement` array read one by one during the scan, with their issues. */
  readonly streamed = new Map<JsonNode, { statements: Statement[]; issues: PolicyIssue[] }>();

  /** Reads one element of a root `Statement` array as the scanner hands it out. */
  streamStatement(node: JsonNode, index: number, array: JsonNode): void {
    let read = this.streamed.get(array);
    if (!read) {
      read = { statements: [], issues: [] };
      this.streamed.set(array, read);
    }
    const before = this.issues.length;
    const st = this.statement(node, [{ value: 'Statement' }, { index }], index);
    if (st) read.statements.push(st);
    for (const i of this.issues.splice(before)) read.issues.push(i);
  }

  /** The location of `node` at `path` (followed by `step`, when given: see SourceLocation). */
  loc(node: JsonNode, path: PathElement[], step?: string | number): Location {
    return locate(this.src, node, path, step);
  }

  issue(code: PolicyIssueCode, message: string, node: JsonNode, path: PathElement[]): void {
    this.issues.push({ code, message, location: this.loc(node, path) });
  }

  document(node: JsonNode, base: PathElement[]): PolicyDocument | undefined {
    if (node.type !== 'object') {
      this.issue(
        'DATA_TYPE_MISMATCH',
        `A policy document must be a JSON object, found ${jsonTypeName(node)}`,
        node,
        base,
      );
      return undefined;
    }
    let version: Located<string> | undefined;
    let id: Located<string> | undefined;
    let statementNode: JsonNode | undefined;
    let statementPath: PathElement[] = [];
    for (const [name, keyNode, value] of members(node)) {
      const path = childPath(base, name);
      if (!TOP_LEVEL.has(name)) {
        this.issue(
          'UNSUPPORTED_ELEMENT',
          `Unsupported element "${name}": a policy has only Version, Id and Statement`,
          keyNode,
          path,
        );
        continue;
      }
      if (name === 'Statement') {
        statementNode = value;
        statementPath = path;
        continue;
      }
      const str = this.string(value, path, name);
      if (str === undefined) continue;
      if (name === 'Version') {
        if (!VERSIONS.has(str.value)) {
          this.issue(
            'INVALID_VERSION',
            `Invalid Version "${str.value}": use "2012-10-17" (or the legacy "2008-10-17")`,
            value,
            path,
          );
        }
        version = str;
      } else id = str;
    }
    const statements: Statement[] = [];
    let statementIsArray = false;
    if (!statementNode) {
      this.issue('MISSING_STATEMENT', 'The policy has no Statement element', node, base);
    } else if (statementNode.type === 'array' && this.streamed.has(statementNode)) {
      // Read while the JSON was scanned (parsePolicy): its statements and their issues, in order.
      statementIsArray = true;
      const read = this.streamed.get(statementNode)!;
      statements.push(...read.statements);
      for (const i of read.issues) this.issues.push(i);
    } else if (statementNode.type === 'array') {
      statementIsArray = true;
      const children = statementNode.children ?? [];
      children.forEach((child, i) => {
        const st = this.statement(child, childPath(statementPath, i), i);
        if (st) statements.push(st);
        if (this.release) (children as Array<JsonNode | undefined>)[i] = undefined;
      });
    } else {
      const st = this.statement(statementNode, statementPath, 0);
      if (st) statements.push(st);
    }
    return {
      version,
      id,
      statements,
      statementIsArray,
      loc: this.loc(node, base),
      text: this.src.text,
      file: this.src.file,
    };
  }

  string(
    node: JsonNode,
    path: PathElement[],
    what: string,
    step?: string | number,
  ): Located<string> | undefined {
    if (node.type !== 'string') {
      const at = step === undefined ? path : childPath(path, step);
      this.issue('DATA_TYPE_MISMATCH', `${what} must be a string, found ${jsonTypeName(node)}`, node, at);
      return undefined;
    }
    return { value: node.value as string, loc: this.loc(node, path, step) };
  }

  /** A string or an array of strings. */
  stringList(node: JsonNode, path: PathElement[], what: string): Located<string>[] {
    if (node.type === 'array') {
      const out: Located<string>[] = [];
      (node.children ?? []).forEach((child, i) => {
        const s = this.string(child, path, `Each ${what} entry`, i);
        if (s) out.push(s);
      });
      // An array grown by push keeps room for more: a large policy holds hundreds of thousands.
      return out.slice();
    }
    const s = this.string(node, path, what);
    return s ? [s] : [];
  }

  statement(node: JsonNode, path: PathElement[], index: number): Statement | undefined {
    if (node.type !== 'object') {
      this.issue(
        'DATA_TYPE_MISMATCH',
        `A statement must be a JSON object, found ${jsonTypeName(node)}`,
        node,
        path,
      );
      return undefined;
    }
    const seen = new Map<string, [JsonNode, JsonNode]>();
    for (const [name, keyNode, value] of members(node)) {
      if (!STATEMENT_ELEMENTS.has(name)) {
        this.issue(
          'UNSUPPORTED_ELEMENT',
          `Unsupported element "${name}" in a statement: expected Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or Condition`,
          keyNode,
          childPath(path, name),
        );
        continue;
      }
      seen.set(name, [keyNode, value]);
    }
    const at = (name: string): PathElement[] => childPath(path, name);
    for (const [a, b] of [
      ['Action', 'NotAction'],
      ['Resource', 'NotResource'],
      ['Principal', 'NotPrincipal'],
    ] as const) {
      if (seen.has(a) && seen.has(b)) {
        this.issue(
          'MUTUALLY_EXCLUSIVE_ELEMENTS',
          `A statement cannot contain both ${a} and ${b}`,
          seen.get(b)![0],
          at(b),
        );
      }
    }
    let effect: Located<Effect> | undefined;
    const effectNode = seen.get('Effect')?.[1];
    if (!effectNode) {
      this.issue('MISSING_EFFECT', 'The statement has no Effect element', node, path);
    } else {
      const e = this.string(effectNode, path, 'Effect', 'Effect');
      if (e && e.value !== 'Allow' && e.value !== 'Deny') {
        this.issue(
          'INVALID_EFFECT',
          `Invalid Effect "${e.value}": use "Allow" or "Deny" (case-sensitive)`,
          effectNode,
          at('Effect'),
        );
      } else if (e) effect = e as Located<Effect>;
    }
    if (!seen.has('Action') && !seen.has('NotAction')) {
      this.issue('MISSING_ACTION', 'The statement has neither Action nor NotAction', node, path);
    }
    const list = (name: string) => {
      const v = seen.get(name)?.[1];
      return v ? this.stringList(v, at(name), name) : undefined;
    };
    const sidNode = seen.get('Sid')?.[1];
    const st: Statement = {
      index,
      sid: sidNode ? this.string(sidNode, path, 'Sid', 'Sid') : undefined,
      effect: effect ?? { value: 'Deny', loc: this.loc(node, path) },
      action: list('Action'),
      notAction: list('NotAction'),
      resource: list('Resource'),
      notResource: list('NotResource'),
      principal: this.principal(seen.get('Principal')?.[1], at('Principal')),
      notPrincipal: this.principal(seen.get('NotPrincipal')?.[1], at('NotPrincipal')),
      conditions: [],
      loc: this.loc(node, path),
    };
    const condNode = seen.get('Condition')?.[1];
    if (condNode) {
      st.conditionLoc = this.loc(condNode, at('Condition'));
      st.conditions = this.conditions(condNode, at('Condition'));
    }
    return effect ? st : undefined;
  }

  principal(node: JsonNode | undefined, path: PathElement[]): PrincipalBlock | undefined {
    if (!node) return undefined;
    const loc = this.loc(node, path);
    if (node.type === 'string') {
      if (node.value === '*') return { wildcard: true, loc };
      this.issue(
        'DATA_TYPE_MISMATCH',
        `A Principal string must be "*"; name principals in a map such as {"AWS": "${node.value}"}`,
        node,
        path,
      );
      return { wildcard: false, entries: [], loc };
    }
    if (node.type !== 'object') {
      this.issue(
        'DATA_TYPE_MISMATCH',
        `Principal must be "*" or a JSON object, found ${jsonTypeName(node)}`,
        node,
        path,
      );
      return { wildcard: false, entries: [], loc };
    }
    const entries: PrincipalEntry[] = [];
    for (const [name, keyNode, value] of members(node)) {
      const p = childPath(path, name);
      if (!PRINCIPAL_TYPES.has(name as PrincipalType)) {
        this.issue(
          'UNSUPPORTED_PRINCIPAL_TYPE',
          `Unsupported principal type "${name}": use AWS, Service, Federated or CanonicalUser`,
          keyNode,
          p,
        );
        continue;
      }
      for (const v of this.stringList(value, p, `Principal ${name}`)) {
        entries.push({ type: name as PrincipalType, value: v });
      }
    }
    return { wildcard: false, entries, loc };
  }

  conditions(node: JsonNode, path: PathElement[]): ConditionEntry[] {
    if (node.type !== 'object') {
      this.issue(
        'DATA_TYPE_MISMATCH',
        `Condition must be a JSON object, found ${jsonTypeName(node)}`,
        node,
        path,
      );
      return [];
    }
    const out: ConditionEntry[] = [];
    for (const [opName, opKeyNode, opValue] of members(node)) {
      const opPath = childPath(path, opName);
      const operator = parseOperator(opName);
      if (!operator) {
        this.issue('INVALID_OPERATOR', `Unknown condition operator "${opName}"`, opKeyNode, opPath);
        continue;
      }
      if (opValue.type !== 'object') {
        this.issue(
          'DATA_TYPE_MISMATCH',
          `The ${opName} condition must be a JSON object of condition keys, found ${jsonTypeName(opValue)}`,
          opValue,
          opPath,
        );
        continue;
      }
      for (const [key, keyNode, valueNode] of members(opValue)) {
        const keyPath = childPath(opPath, key);
        const values: Located<ConditionValue>[] = [];
        const valuesIsArray = valueNode.type === 'array';
        const items = valuesIsArray ? (valueNode.children ?? []) : [valueNode];
        items.forEach((item, i) => {
          if (item.type === 'string' || item.type === 'number' || item.type === 'boolean') {
            const loc = valuesIsArray ? this.loc(item, keyPath, i) : this.loc(item, keyPath);
            values.push({ value: item.value as ConditionValue, loc });
          } else {
            const p = valuesIsArray ? childPath(keyPath, i) : keyPath;
            this.issue(
              'DATA_TYPE_MISMATCH',
              `A condition value must be a string, number or boolean, found ${jsonTypeName(item)}`,
              item,
              p,
            );
          }
        });
        out.push({
          operator,
          operatorLoc: this.loc(opKeyNode, opPath),
          key: { value: key, loc: this.loc(keyNode, opPath, key) },
          keyLower: key.toLowerCase(),
          values: values.slice(),
          valuesIsArray,
        });
      }
    }
    return out.slice();
  }
}

/**
 * Parses a policy document and returns it with every structural issue found.
 * Throws nothing: unusable JSON is reported as a JSON_SYNTAX issue.
 */
export function parsePolicy(
  text: string,
  options: {
    file?: string;
    /**
     * Told after each statement is read (its index), e.g. to check a time limit or to show
     * progress; what it throws ends the parse.
     */
    onStatement?: (index: number) => void;
  } = {},
): ParseResult {
  // The statements are read while the JSON is scanned, each from its own small tree that is let
  // go at once: memory follows the document model, not model plus a tree of the whole text.
  const lines = new LineIndex(text);
  const shell: JsonSource = { text, file: options.file, lines, root: undefined as never, duplicates: [] };
  const p = new Parser(shell, true);
  let src: JsonSource;
  try {
    src = parseJson(
      text,
      options.file,
      (node, index, array) => {
        p.streamStatement(node, index, array);
        options.onStatement?.(index);
      },
      lines,
    );
  } catch (e) {
    if (e instanceof PolicyParseError) return { issues: e.issues };
    throw e;
  }
  Object.assign(shell, src);
  return parseSource(src, src.root, [], p);
}

/** Parses a policy held in a subtree of a larger JSON text (e.g. a simulation scenario). */
export function parsePolicyNode(src: JsonSource, node: JsonNode, path: PathElement[]): ParseResult {
  return parseSource(src, node, path, new Parser(src));
}

function parseSource(src: JsonSource, node: JsonNode, path: PathElement[], p: Parser): ParseResult {
  const policy = p.document(node, path);
  // A repeated member name inside this policy: the parser read the last value only.
  for (const d of src.duplicates) {
    if (d.first.offset < node.offset || d.again.offset >= node.offset + node.length) continue;
    const at = childPath(d.path, d.name);
    const first = locate(src, d.first, at);
    const { line, column } = first.span.start;
    p.issues.push({
      code: 'DUPLICATE_MEMBER',
      message: `"${d.name}" is given twice in this object (first at line ${line}, column ${column + 1}); only this later value is read, and a policy AWS stores cannot keep both`,
      location: locate(src, d.again, at),
      related: [first],
    });
  }
  return { policy, issues: p.issues };
}

/** Parses a policy document or throws a PolicyParseError listing every located issue. */
export function parsePolicyStrict(text: string, options: { file?: string } = {}): PolicyDocument {
  const { policy, issues } = parsePolicy(text, options);
  if (issues.length > 0 || !policy) throw new PolicyParseError(issues, options.file);
  return policy;
}

/** Parses a policy given as a JS value (serialised first, so locations refer to that text). */
export function parsePolicyValue(value: unknown, options: { file?: string } = {}): PolicyDocument {
  return parsePolicyStrict(JSON.stringify(value, null, 2), options);
}
