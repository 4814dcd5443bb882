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

/**
 * Something merely unusual in a template: reported with its place, never fatal. `note` is
 * information (a value taken as passed), `warning` a value leastpriv could not know offline or
 * input CloudFormation itself would treat differently.
 */
export interface CfnWarning {
  file: string;
  span: Span;
  where: string;
  detail: string;
  severity: 'warning' | 'note';
}

/** `file:line:column: detail (at where)`, the shape of CfnTemplateError's message. */
export function formatWarning(w: CfnWarning): string {
  const { line, column } = w.span.start;
  return `${w.file}:${line}:${column + 1}: ${w.detail}${w.where ? ` (at ${w.where})` : ''}`;
}

/** Key under which an unknown YAML tag keeps its value: opaque unless a policy needs it. */
export const UNKNOWN_TAG_PREFIX = 'UnknownTag::';

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

/**
 * Parses a template (JSON when it starts with `{`, YAML otherwise). Throws CfnTemplateError.
 * Duplicate keys (the last wins, as in the YAML and JSON readers cfn-policy-validator and the SAM
 * CLI use), unknown YAML tags and YAML merge keys are reported in `warnings`.
 */
export function loadTemplate(text: string, file: string, warnings: CfnWarning[] = []): CfnNode {
  const body = text.replace(/^\uFEFF/, '');
  const root = /^\s*\{/.test(body) ? loadJson(body, file, warnings) : loadYaml(body, file, warnings);
  if (root.kind !== 'map') {
    throw new CfnTemplateError('a template must be a JSON object / YAML mapping', file, root.span);
  }
  return root;
}

/** Adds an entry to a map under construction; a repeated key replaces the earlier one, with a warning naming both. */
function addEntry(entries: CfnEntry[], entry: CfnEntry, file: string, warnings: CfnWarning[]): void {
  const i = entries.findIndex((e) => e.key === entry.key);
  if (i < 0) {
    entries.push(entry);
    return;
  }
  const first = entries[i].keySpan.start;
  warnings.push({
    file,
    span: entry.keySpan,
    where: '',
    detail: `duplicate key "${entry.key}": this value replaces the one at line ${first.line}, column ${first.column + 1} (the last one wins, as CloudFormation's YAML and JSON readers do)`,
    severity: 'warning',
  });
  entries.splice(i, 1);
  entries.push(entry);
}

function loadJson(text: string, file: string, warnings: CfnWarning[]): CfnNode {
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
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        addEntry(
          entries,
          { key: String(k.value), keySpan: lines.span(k.offset, k.length), value: conv(v) },
          file,
          warnings,
        );
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

function loadYaml(text: string, file: string, warnings: CfnWarning[]): CfnNode {
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
      const merged: CfnEntry[][] = [];
      for (const pair of n.items) {
        const k = pair.key as YamlNode | null;
        const keySpan = k ? spanOf(k) : span;
        if (!k || !isScalar(k)) {
          throw new CfnTemplateError('mapping keys must be plain strings', file, keySpan);
        }
        const key = String(k.value);
        const value = conv(pair.value as YamlNode | null, keySpan);
        if (key === '<<' && k.type === 'PLAIN') {
          merged.push(...mergeSources(value, keySpan, file, warnings));
          continue;
        }
        addEntry(entries, { key, keySpan, value }, file, warnings);
      }
      // YAML 1.1 merge keys (https://yaml.org/type/merge.html): keys written in the mapping win,
      // then the earlier merge source over the later.
      for (const source of merged) {
        for (const e of source) if (!entries.some((x) => x.key === e.key)) entries.push(e);
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
      // A tool's own tag (`!Rain::Embed`, a macro's) is not CloudFormation's: the value stays
      // opaque, and becomes a marked placeholder only if a policy needs it.
      warnings.push({
        file,
        span: whole,
        where: '',
        detail: `unknown YAML tag ${tag}: not a CloudFormation short form (${Object.keys(SHORT_FORMS).join(' ')}); its value is not interpreted`,
        severity: 'warning',
      });
      return {
        kind: 'map',
        entries: [{ key: `${UNKNOWN_TAG_PREFIX}${tag}`, keySpan: whole, value: inner }],
        span: whole,
      };
    }
    return { kind: 'map', entries: [{ key: long, keySpan: whole, value: inner }], span: whole };
  };
  const root = conv(doc.contents as YamlNode | null, lines.span(0, 0));
  return root;
}

/**
 * The mappings a `<<` key merges: one mapping or a sequence of them. CloudFormation itself rejects
 * merge keys; `aws cloudformation package` and `sam build/deploy` resolve them before upload, so
 * they are resolved here with a warning saying so.
 */
function mergeSources(value: CfnNode, span: Span, file: string, warnings: CfnWarning[]): CfnEntry[][] {
  warnings.push({
    file,
    span,
    where: '',
    detail:
      'YAML merge key "<<" resolved as YAML 1.1 defines it; CloudFormation does not accept merge keys, so deploy this template through `aws cloudformation package` or `sam deploy`, which resolve them',
    severity: 'warning',
  });
  const maps = value.kind === 'seq' ? value.items : [value];
  return maps.map((m) => {
    if (m.kind !== 'map') {
      throw new CfnTemplateError('a YAML merge key "<<" needs a mapping or a list of mappings', file, m.span);
    }
    return m.entries;
  });
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
