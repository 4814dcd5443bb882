/**
 * A JSON file read for speed (JSON.parse) whose errors are still located: the position tree is
 * built only when something must be reported, then the JSON path is found in it.
 */
import { findNodeAtLocation } from 'jsonc-parser';
import { type PolicyIssue, PolicyParseError } from '../../policy/issues.js';
import { type JsonSource, parseJson } from '../../policy/json.js';
import { NO_SPAN, type PathElement } from '../../policy/location.js';

export class JsonFile {
  private tree: JsonSource | undefined;

  private constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
  ) {}

  /** Parses a file's text; invalid JSON throws a located JSON_SYNTAX error. */
  static parse(text: string, file: string): JsonFile {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      parseJson(body, file); // throws the located error
      throw new PolicyParseError([issue('JSON_SYNTAX', 'Invalid JSON', [])], file);
    }
    return new JsonFile(file, body, value);
  }

  /** A value that came from elsewhere (a bundle member given as a value, or a test). */
  static of(value: unknown, file: string): JsonFile {
    return new JsonFile(file, JSON.stringify(value, null, 2), value);
  }

  /** The issue located at a JSON path (the nearest existing ancestor when the path is absent). */
  issueAt(
    path: PathElement[],
    message: string,
    code: PolicyIssue['code'] = 'DATA_TYPE_MISMATCH',
  ): PolicyIssue {
    this.tree ??= parseJson(this.text, this.file);
    const segments = path.map((p) => ('index' in p ? p.index : 'value' in p ? p.value : p.key));
    for (let n = segments.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.tree.root, segments.slice(0, n));
      if (node) {
        // A member's value is located; for an absent member, its object is.
        return { code, message, location: { path, span: this.tree.lines.span(node.offset, node.length) } };
      }
    }
    return issue(code, message, path);
  }

  /** Throws a located error at a JSON path. */
  fail(path: PathElement[], message: string): never {
    throw new PolicyParseError([this.issueAt(path, message)], this.file);
  }
}

function issue(code: PolicyIssue['code'], message: string, path: PathElement[]): PolicyIssue {
  return { code, message, location: { path, span: NO_SPAN } };
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** Typed access to a JSON value with its path, failing with a located error. */
export class Walker {
  constructor(
    readonly src: JsonFile,
    readonly value: unknown,
    readonly path: PathElement[],
  ) {}

  at(name: string | number): Walker {
    const v = this.value as Record<string | number, unknown>;
    const el: PathElement = typeof name === 'number' ? { index: name } : { value: name };
    return new Walker(this.src, v?.[name], [...this.path, el]);
  }

  get present(): boolean {
    return this.value !== undefined;
  }

  fail(message: string): never {
    this.src.fail(this.path, message);
  }

  object(what: string): Walker {
    if (this.value === null || typeof this.value !== 'object' || Array.isArray(this.value))
      this.fail(`${what} must be a JSON object, found ${describeType(this.value)}`);
    return this;
  }

  array(what: string): Walker[] {
    if (!Array.isArray(this.value))
      this.fail(`${what} must be a JSON array, found ${describeType(this.value)}`);
    return this.value.map((_, i) => this.at(i));
  }

  /** An optional array: absent gives []. */
  list(what: string): Walker[] {
    return this.value === undefined ? [] : this.array(what);
  }

  keys(): string[] {
    return Object.keys(this.value as object);
  }

  string(what: string): string {
    if (typeof this.value !== 'string')
      this.fail(`${what} must be a string, found ${describeType(this.value)}`);
    return this.value;
  }

  optString(what: string): string | undefined {
    return this.value === undefined || this.value === null ? undefined : this.string(what);
  }

  optNumber(what: string): number | undefined {
    if (this.value === undefined || this.value === null) return undefined;
    if (typeof this.value !== 'number')
      this.fail(`${what} must be a number, found ${describeType(this.value)}`);
    return this.value;
  }

  optBoolean(what: string): boolean | undefined {
    if (this.value === undefined || this.value === null) return undefined;
    if (typeof this.value !== 'boolean')
      this.fail(`${what} must be true or false, found ${describeType(this.value)}`);
    return this.value;
  }
}
