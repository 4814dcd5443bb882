/**
 * Strict JSON with source positions, on top of Microsoft's jsonc-parser (the parser behind
 * VS Code's JSON support). Comments and trailing commas are rejected: IAM accepts plain JSON.
 */
import { type Node, type ParseError, printParseErrorCode, visit } from 'jsonc-parser';
import { PolicyParseError } from './issues.js';
import { childPath, LineIndex, type Location, type PathElement, SourceLocation } from './location.js';

export type JsonNode = Node;
type Writable = { -readonly [K in keyof Node]: Node[K] };

/** A parsed JSON text: its tree plus what is needed to locate any node in it. */
export interface JsonSource {
  text: string;
  file?: string;
  root: JsonNode;
  lines: LineIndex;
  /** Member names given twice in one object, in document order (JSON.parse keeps the last). */
  duplicates: DuplicateMember[];
}

/** A member name that occurs again in the same object: both name nodes and the object's path. */
export interface DuplicateMember {
  name: string;
  /** Path of the object holding both members. */
  path: PathElement[];
  first: JsonNode;
  again: JsonNode;
}

/**
 * Every member name repeated within one object. RFC 8259 section 4 says names SHOULD be unique
 * and leaves the outcome to the parser (most keep the last, silently); a policy author who wrote
 * two "Condition" members meant both, so each repeat is reported where it occurs.
 */
function findDuplicates(
  root: JsonNode,
  at: PathElement[] = [],
  out: DuplicateMember[] = [],
): DuplicateMember[] {
  // Iterative, so that a deep document cannot exhaust the stack here either.
  const stack: Array<{ node: JsonNode; path: PathElement[] }> = [{ node: root, path: at }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Map<string, JsonNode>();
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        const name = String(k.value);
        const first = seen.get(name);
        if (first) out.push({ name, path, first, again: k });
        else seen.set(name, k);
        if (v && (v.type === 'object' || v.type === 'array'))
          stack.push({ node: v, path: childPath(path, name) });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((c, index) => {
        // (a streamed statement leaves an empty slot: its duplicates were collected on its own)
        if (c && (c.type === 'object' || c.type === 'array'))
          stack.push({ node: c, path: childPath(path, index) });
      });
    }
  }
  return out;
}

/**
 * Called with each element of the top-level `Statement` array as soon as its closing bracket is
 * read (index: its position; statementArray: the array, since a document may repeat the member).
 * The element is not kept in the tree: its slot in `children` stays `undefined`.
 */
export type StatementSink = (node: JsonNode, index: number, statementArray: JsonNode) => void;

/**
 * jsonc-parser's `parseTree`, built on its `visit` scanner so that the statements of a policy can
 * be handed out one by one and let go: reading a 50 MB policy then holds the tree of one statement
 * at a time, not of the whole document. Nodes have the shape `parseTree` gives them.
 */
function buildTree(text: string, errors: ParseError[], sink?: StatementSink): JsonNode | undefined {
  const top: JsonNode = { type: 'array', offset: -1, length: -1, children: [] };
  let parent: JsonNode = top;
  const complete = (end: number) => {
    if (parent.type === 'property') {
      (parent as Writable).length = end - parent.offset;
      parent = parent.parent!;
    }
  };
  const add = (node: JsonNode): JsonNode => {
    parent.children!.push(node);
    return node;
  };
  // A finished value directly in the root object's "Statement" array goes to the sink.
  const done = (node: JsonNode) => {
    const array = node.parent;
    const prop = array?.parent;
    if (!sink || array?.type !== 'array' || prop?.type !== 'property') return;
    if (prop.children?.[0]?.value !== 'Statement' || prop.parent?.parent !== top) return;
    const index = array.children!.length - 1;
    (array.children as Array<JsonNode | undefined>)[index] = undefined;
    sink(node, index, array);
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => {
        parent = add({ type: 'object', offset, length: -1, parent, children: [] });
      },
      onObjectProperty: (name, offset, length) => {
        parent = add({ type: 'property', offset, length: -1, parent, children: [] });
        parent.children!.push({ type: 'string', value: name, offset, length, parent });
      },
      onObjectEnd: (offset, length) => {
        complete(offset + length);
        const node = parent;
        (node as Writable).length = offset + length - node.offset;
        parent = node.parent!;
        done(node);
        complete(offset + length);
      },
      onArrayBegin: (offset) => {
        parent = add({ type: 'array', offset, length: -1, parent, children: [] });
      },
      onArrayEnd: (offset, length) => {
        const node = parent;
        (node as Writable).length = offset + length - node.offset;
        parent = node.parent!;
        done(node);
        complete(offset + length);
      },
      onLiteralValue: (value, offset, length) => {
        const type = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
        done(add({ type, offset, length, parent, value }));
        complete(offset + length);
      },
      onSeparator: (sep, offset) => {
        if (parent.type !== 'property') return;
        if (sep === ':') (parent as Writable).colonOffset = offset;
        else if (sep === ',') complete(offset);
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  const root = top.children![0];
  if (root) delete (root as Writable).parent;
  return root;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a member name in double quotes is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: 'a colon is expected',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace is expected',
  CloseBracketExpected: 'a closing bracket is expected',
  EndOfFileExpected: 'the end of the text is expected',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

/** Deeper nesting would exhaust the stack in the (recursive) parser and in the readers after it. */
export const MAX_JSON_DEPTH = 512;

/** Offset of the first `[` or `{` nested deeper than MAX_JSON_DEPTH, or -1. */
function tooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

/**
 * Parses JSON text or throws a PolicyParseError (code JSON_SYNTAX) located at the first error.
 * With `sink`, the elements of the root object's `Statement` array are handed to it as they are
 * read and left out of the tree (see StatementSink); their duplicate members are reported all the
 * same. A syntax error anywhere still throws, after the sink saw the statements before it.
 */
export function parseJson(
  text: string,
  file?: string,
  sink?: StatementSink,
  lines = new LineIndex(text),
): JsonSource {
  const deep = tooDeep(text);
  if (deep >= 0) {
    throw new PolicyParseError(
      [
        {
          code: 'JSON_SYNTAX',
          message: `Invalid JSON: nested more than ${MAX_JSON_DEPTH} levels deep`,
          location: { path: [], span: lines.span(deep, 1) },
        },
      ],
      file,
    );
  }
  const errors: ParseError[] = [];
  const duplicates: DuplicateMember[] = [];
  const root = buildTree(
    text,
    errors,
    sink &&
      ((node, index, array) => {
        findDuplicates(node, [{ value: 'Statement' }, { index }], duplicates);
        sink(node, index, array);
      }),
  );
  if (errors.length > 0 || root === undefined) {
    const first = errors[0] ?? { offset: 0, length: 0, error: 4 };
    const name = printParseErrorCode(first.error);
    throw new PolicyParseError(
      [
        {
          code: 'JSON_SYNTAX',
          message: `Invalid JSON: ${MESSAGES[name] ?? name}`,
          location: { path: [], span: lines.span(first.offset, first.length) },
        },
      ],
      file,
    );
  }
  findDuplicates(root, [], duplicates);
  duplicates.sort((a, b) => a.again.offset - b.again.offset);
  return { text, file, root, lines, duplicates };
}

export function locate(
  src: JsonSource,
  node: JsonNode,
  path: PathElement[],
  step?: string | number,
): Location {
  return new SourceLocation(path, src.lines, node.offset, node.length, step);
}

/** The member of an object node with this exact name (last one wins, as in JSON.parse). */
export function member(node: JsonNode, name: string): JsonNode | undefined {
  if (node.type !== 'object' || !node.children) return undefined;
  let found: JsonNode | undefined;
  for (const prop of node.children) {
    if (prop.children?.[0]?.value === name) found = prop.children[1];
  }
  return found;
}

/** Members of an object node in document order: [name, name node, value node]. */
export function members(node: JsonNode): Array<[string, JsonNode, JsonNode]> {
  const out: Array<[string, JsonNode, JsonNode]> = [];
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k && v) out.push([String(k.value), k, v]);
  }
  return out;
}

/** Converts a node (or subtree) to a plain JS value. */
export function toValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, , v] of members(node)) o[k] = toValue(v);
      return o;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

export function jsonTypeName(node: JsonNode): string {
  return node.type === 'property' ? 'member' : node.type;
}
