/**
 * Strict JSON with source positions, on top of Microsoft's jsonc-parser (the parser behind
 * VS Code's JSON support). Comments and trailing commas are rejected: IAM accepts plain JSON.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { PolicyParseError } from './issues.js';
import { LineIndex, type Location, type PathElement } from './location.js';

export type JsonNode = Node;

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
function findDuplicates(root: JsonNode): DuplicateMember[] {
  const out: DuplicateMember[] = [];
  // Iterative, so that a deep document cannot exhaust the stack here either.
  const stack: Array<{ node: JsonNode; path: PathElement[] }> = [{ node: root, path: [] }];
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
          stack.push({ node: v, path: [...path, { value: name }] });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((c, index) => {
        if (c.type === 'object' || c.type === 'array') stack.push({ node: c, path: [...path, { index }] });
      });
    }
  }
  return out.sort((a, b) => a.again.offset - b.again.offset);
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

/** Parses JSON text or throws a PolicyParseError (code JSON_SYNTAX) located at the first error. */
export function parseJson(text: string, file?: string): JsonSource {
  const lines = new LineIndex(text);
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
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
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
  return { text, file, root, lines, duplicates: findDuplicates(root) };
}

export function locate(src: JsonSource, node: JsonNode, path: PathElement[]): Location {
  return { path, span: src.lines.span(node.offset, node.length) };
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
