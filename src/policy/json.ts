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
  return { text, file, root, lines };
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
