/**
 * Template text -> a small located tree (maps, sequences, scalars), the same for JSON and YAML.
 * YAML short-form tags (`!Ref`, `!Sub`, ...) become their long forms (`{"Ref": ...}`,
 * `{"Fn::Sub": ...}`) so that the evaluator sees one shape.
 * Template anatomy: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 * Short forms: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import {
  type CollectionTag,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type ScalarTag,
  type Node as YamlNode,
} from 'yaml';
import { PolicyParseError } from '../../policy/issues.js';
import { type JsonNode, parseJson } from '../../policy/json.js';
import { LineIndex, type Span } from '../../policy/location.js';

export type Scalar = string | number | boolean | null;

export interface CfnEntry {
  key: string;
  keySpan: Span;
  value: CfnNode;
}

export type CfnNode =
  | { kind: 'map'; entries: CfnEntry[]; span: Span }
  | { kind: 'seq'; items: CfnNode[]; span: Span }
  | { kind: 'scalar'; value: Scalar; span: Span };

export type CfnMap = Extract<CfnNode, { kind: 'map' }>;

/** A problem in the template, with the file, position and template path it concerns. */
export class CfnTemplateError extends Error {
  readonly file: string;
  readonly span: Span;
  readonly where: string;
  readonly detail: string;

  constructor(detail: string, file: string, span: Span, where = '') {
    const { line, column } = span.start;
    super(`${file}:${line}:${column + 1}: ${detail}${where ? ` (at ${where})` : ''}`);
    this.name = 'CfnTemplateError';
    this.file = file;
    this.span = span;
    this.where = where;
    this.detail = detail;
  }
}

/** Short-form tags and the long form each stands for. */
export const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/**
 * The short forms declared to the YAML parser (scalar, sequence and mapping forms, values kept as
 * written): unknown to it, each tagged node would cost a warning object.
 */
const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = Object.keys(SHORT_FORMS).flatMap((tag) => [
  { tag, resolve: (s: string) => s } as ScalarTag,
  { tag, collection: 'seq', resolve: (v: unknown) => v } as unknown as CollectionTag,
  { tag, collection: 'map', resolve: (v: unknown) => v } as unknown as CollectionTag,
]);

const PLAIN_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
const PLAIN_TAGS_MORE = new Set([
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

/** Parses a template (JSON when it starts with `{`, YAML otherwise). Throws CfnTemplateError. */
export function loadTemplate(text: string, file: string): CfnNode {
  const body = text.replace(/^\uFEFF/, '');
  const root = /^\s*\{/.test(body) ? loadJson(body, file) : loadYaml(body, file);
  if (root.kind !== 'map') {
    throw new CfnTemplateError('a template must be a JSON object / YAML mapping', file, root.span);
  }
  return root;
}

function loadJson(text: string, file: string): CfnNode {
  let src: ReturnType<typeof parseJson>;
  try {
    src = parseJson(text, file);
  } catch (e) {
    if (e instanceof PolicyParseError && e.issues[0]) {
      throw new CfnTemplateError(e.issues[0].message, file, e.issues[0].location.span);
    }
    throw e;
  }
  const lines = src.lines;
  const conv = (n: JsonNode): CfnNode => {
    const span = lines.span(n.offset, n.length);
    if (n.type === 'object') {
      const entries: CfnEntry[] = [];
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        const key = String(k.value);
        const keySpan = lines.span(k.offset, k.length);
        if (seen.has(key)) throw new CfnTemplateError(`duplicate key "${key}"`, file, keySpan);
        seen.add(key);
        entries.push({ key, keySpan, value: conv(v) });
      }
      return { kind: 'map', entries, span };
    }
    if (n.type === 'array') return { kind: 'seq', items: (n.children ?? []).map(conv), span };
    return { kind: 'scalar', value: n.value as Scalar, span };
  };
  return conv(src.root);
}

/** Nodes that YAML aliases may add to a template, all aliases together. */
const MAX_ALIAS_NODES = 100_000;

function loadYaml(text: string, file: string): CfnNode {
  const lines = new LineIndex(text);
  // Duplicate keys are checked while converting (cheaper than the library's check on large templates).
  const doc = parseDocument(text, {
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
    customTags: CUSTOM_TAGS,
  });
  const err = doc.errors[0];
  if (err) {
    const offset = err.pos?.[0] ?? 0;
    const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new CfnTemplateError(`Invalid YAML: ${message}`, file, lines.span(offset, 0));
  }
  const spanOf = (n: YamlNode): Span => {
    const r = n.range ?? [0, 0, 0];
    return lines.span(r[0], r[1] - r[0]);
  };
  // Aliases are expanded in place: nested ones grow exponentially ("billion laughs"), so the
  // nodes they produce are counted and capped.
  let aliasNodes = 0;
  let outerAlias: Span | undefined;
  const conv = (n: YamlNode | null | undefined, fallback: Span): CfnNode => {
    if (outerAlias && ++aliasNodes > MAX_ALIAS_NODES) {
      throw new CfnTemplateError(
        `YAML aliases expand to more than ${MAX_ALIAS_NODES} nodes`,
        file,
        outerAlias,
      );
    }
    if (n == null) return { kind: 'scalar', value: null, span: fallback };
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (outerAlias) return conv(target as YamlNode | undefined, spanOf(n));
      outerAlias = spanOf(n);
      try {
        return conv(target as YamlNode | undefined, outerAlias);
      } finally {
        outerAlias = undefined;
      }
    }
    const span = spanOf(n);
    const tag = n.tag;
    let inner: CfnNode;
    if (isMap(n)) {
      const entries: CfnEntry[] = [];
      const seen = new Set<string>();
      for (const pair of n.items) {
        const k = pair.key as YamlNode | null;
        const keySpan = k ? spanOf(k) : span;
        if (!k || !isScalar(k)) {
          throw new CfnTemplateError('mapping keys must be plain strings', file, keySpan);
        }
        const key = String(k.value);
        if (seen.has(key)) throw new CfnTemplateError(`duplicate key "${key}"`, file, keySpan);
        seen.add(key);
        entries.push({ key, keySpan, value: conv(pair.value as YamlNode | null, keySpan) });
      }
      inner = { kind: 'map', entries, span };
    } else if (isSeq(n)) {
      inner = { kind: 'seq', items: n.items.map((i) => conv(i as YamlNode | null, span)), span };
    } else if (isScalar(n)) {
      inner = { kind: 'scalar', value: scalarValue(n.value, n.source), span };
    } else {
      throw new CfnTemplateError('unsupported YAML node', file, span);
    }
    if (!tag || PLAIN_TAGS.has(tag) || PLAIN_TAGS_MORE.has(tag)) return inner;
    // A tag covers its value; its span starts at the tag itself.
    const tagStart = lines.position(Math.max(0, text.lastIndexOf(tag, span.start.offset)));
    const whole: Span = { start: tagStart, end: span.end };
    const long = SHORT_FORMS[tag];
    if (!long) {
      throw new CfnTemplateError(
        `unknown YAML tag ${tag}: CloudFormation knows ${Object.keys(SHORT_FORMS).join(' ')}`,
        file,
        whole,
      );
    }
    return { kind: 'map', entries: [{ key: long, keySpan: whole, value: inner }], span: whole };
  };
  const root = conv(doc.contents as YamlNode | null, lines.span(0, 0));
  return root;
}

/** Numbers written with leading zeros (account ids) keep their text, as CloudFormation does. */
function scalarValue(value: unknown, source: string | undefined): Scalar {
  if (typeof value === 'number' && source !== undefined && String(value) !== source) return source;
  if (value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    return value;
  }
  return String(value);
}

/** The member of a map node with this key. */
export function get(node: CfnNode | undefined, key: string): CfnNode | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const e of node.entries) if (e.key === key) return e.value;
  return undefined;
}

/** Converts a (resolved) node to a plain value. */
export function toPlain(node: CfnNode): unknown {
  switch (node.kind) {
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) o[e.key] = toPlain(e.value);
      return o;
    }
    case 'seq':
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}

/** Builds a node from a plain value, every part carrying the given span. */
export function fromPlain(value: unknown, span: Span): CfnNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => fromPlain(v, span)), span };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
        key,
        keySpan: span,
        value: fromPlain(v, span),
      })),
      span,
    };
  }
  return { kind: 'scalar', value: value as Scalar, span };
}
