/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}` and the
 * special characters `${*}`, `${?}`, `${$}`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 *
 * - Variables are substituted only under `"Version": "2012-10-17"`; otherwise "variables like
 *   `${aws:username}` are treated as literal strings in the policy" (callers pass `variables: false`).
 * - "Key names are case-insensitive": keys are looked up lowercased.
 * - "You can use any single-valued condition key as a variable. You can't use a multivalued
 *   condition key as a variable": a key supplied as a list does not resolve.
 * - "Policy variables with no value": a variable naming an absent key has no value, so there
 *   is "no equal or like value" (the comparison that uses it fails), unless the variable gives a
 *   default "surrounded with single quotes" after "a comma and space".
 * - Special characters: `${*}`, `${?}`, `${$}` stand for a literal `*`, `?`, `$`; substituted
 *   values are literal too, so a `*` inside a tag value is never a wildcard.
 *
 * Decisions where the page is silent (stated so that reviewers can challenge them):
 * - Whitespace around the key, the comma and the quoted default is ignored (the page shows
 *   `${aws:userid, 'anonymous'}`; `${aws:userid,'anonymous'}` is read the same way).
 * - Inside a default, two single quotes stand for one (`'it''s'` is `it's`).
 * - Text that opens `${` but is not a well-formed variable (no closing brace, empty key, a
 *   default without quotes) is kept as literal text.
 * - Substitution happens once: a default value is never itself scanned for variables.
 */
import type { RequestContext } from './context.js';
import {
  compileGlob,
  compileGlobMatcher,
  type GlobOptions,
  type GlobPart,
  type Matcher,
} from './wildcard.js';

/** One `${...}` occurrence in a text. */
export interface VariableRef {
  /** The whole variable as written, e.g. `${aws:PrincipalTag/team, 'none'}`. */
  text: string;
  /** The key as written (trimmed), e.g. `aws:PrincipalTag/team`; `*`, `?` or `$` for the special characters. */
  key: string;
  /** The default value (quotes removed), when one is given. */
  default?: string;
  /** Offset of `$` in the text. */
  start: number;
  /** Offset just past the closing `}`. */
  end: number;
}

/** A string from a policy whose variables are resolved against a request. */
export interface Template {
  /** True when the text names at least one context key (so its value depends on the request). */
  dynamic: boolean;
  /** Lowercased context keys named by the variables (no duplicates). */
  keys: string[];
  /**
   * Glob parts for wildcard matching: the policy's own text as pattern strings, substituted
   * values and special characters as `{ literal }`. Undefined when a variable has no value.
   */
  parts(ctx: RequestContext): GlobPart[] | undefined;
  /** The text with every variable substituted; undefined when a variable has no value. */
  resolve(ctx: RequestContext): string | undefined;
}

const SPECIALS = new Set(['*', '?', '$']);

/** Parses one variable starting at `start` (where `${` is); undefined when malformed. */
function parseVariableAt(text: string, start: number): VariableRef | undefined {
  let i = start + 2;
  const c = text[i];
  if (c !== undefined && SPECIALS.has(c) && text[i + 1] === '}') {
    return { text: text.slice(start, i + 2), key: c, start, end: i + 2 };
  }
  const keyStart = i;
  while (i < text.length && text[i] !== '}' && text[i] !== ',') {
    const ch = text[i];
    if (ch === '$' || ch === '{' || ch === "'") return undefined;
    i++;
  }
  if (i >= text.length) return undefined;
  const key = text.slice(keyStart, i).trim();
  if (key === '') return undefined;
  if (text[i] === '}') return { text: text.slice(start, i + 1), key, start, end: i + 1 };
  // A default value: , 'text'
  i++;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== "'") return undefined;
  i++;
  let value = '';
  for (;;) {
    if (i >= text.length) return undefined;
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i += 2;
        continue;
      }
      i++;
      break;
    }
    value += text[i];
    i++;
  }
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== '}') return undefined;
  return { text: text.slice(start, i + 1), key, default: value, start, end: i + 1 };
}

/** Every well-formed policy variable in a text, in order (special characters included). */
export function findVariables(text: string): VariableRef[] {
  const out: VariableRef[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('${', from);
    if (at < 0) return out;
    const v = parseVariableAt(text, at);
    if (v) {
      out.push(v);
      from = v.end;
    } else from = at + 1;
  }
}

/** A piece of a compiled template. */
type Segment =
  | { kind: 'text'; value: string }
  | { kind: 'literal'; value: string }
  | { kind: 'var'; keyLower: string; default?: string };

/** The value a variable resolves to: the single value of its key, else its default. */
function lookup(ctx: RequestContext, keyLower: string, dflt: string | undefined): string | undefined {
  const entry = ctx.get(keyLower);
  if (entry !== undefined && !entry.multi && entry.values.length === 1) return entry.values[0];
  return dflt;
}

function staticTemplate(parts: GlobPart[], resolved: string): Template {
  return { dynamic: false, keys: [], parts: () => parts, resolve: () => resolved };
}

/**
 * Compiles a policy string. With `variables: false` (policy Version 2008-10-17 or none) the
 * text is literal: `parts` returns it as a pattern and `resolve` returns it unchanged.
 */
export function parseTemplate(text: string, options: { variables: boolean }): Template {
  if (!options.variables || !text.includes('${')) return staticTemplate([text], text);
  const refs = findVariables(text);
  if (refs.length === 0) return staticTemplate([text], text);
  const segments: Segment[] = [];
  let pos = 0;
  for (const ref of refs) {
    if (ref.start > pos) segments.push({ kind: 'text', value: text.slice(pos, ref.start) });
    if (SPECIALS.has(ref.key) && ref.default === undefined)
      segments.push({ kind: 'literal', value: ref.key });
    else segments.push({ kind: 'var', keyLower: ref.key.toLowerCase(), default: ref.default });
    pos = ref.end;
  }
  if (pos < text.length) segments.push({ kind: 'text', value: text.slice(pos) });
  const vars = segments.filter((s): s is Extract<Segment, { kind: 'var' }> => s.kind === 'var');
  if (vars.length === 0) {
    const parts: GlobPart[] = [];
    let resolved = '';
    for (const s of segments) {
      if (s.kind === 'var') continue;
      parts.push(s.kind === 'text' ? s.value : { literal: s.value });
      resolved += s.value;
    }
    return staticTemplate(parts, resolved);
  }
  const keys = [...new Set(vars.map((v) => v.keyLower))];
  const n = segments.length;
  const template: Template = {
    dynamic: true,
    keys,
    parts(ctx) {
      const out: GlobPart[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const s = segments[i];
        if (s.kind === 'text') out[i] = s.value;
        else if (s.kind === 'literal') out[i] = { literal: s.value };
        else {
          const v = lookup(ctx, s.keyLower, s.default);
          if (v === undefined) return undefined;
          out[i] = { literal: v };
        }
      }
      return out;
    },
    resolve(ctx) {
      let out = '';
      for (let i = 0; i < n; i++) {
        const s = segments[i];
        if (s.kind === 'var') {
          const v = lookup(ctx, s.keyLower, s.default);
          if (v === undefined) return undefined;
          out += v;
        } else out += s.value;
      }
      return out;
    },
  };
  SEGMENTS.set(template, segments);
  return template;
}

/** Segments of dynamic templates, for matchers that key caches on substituted values only. */
const SEGMENTS = new WeakMap<Template, Segment[]>();

/**
 * Compiles glob parts into a matcher: plain patterns through compileGlob's fast paths, all-literal
 * parts as an exact comparison, mixed parts as one regular expression.
 */
export function compileGlobParts(parts: readonly GlobPart[], options: GlobOptions = {}): Matcher {
  let allText = true;
  let allLiteral = true;
  let plainLiterals = true;
  for (const p of parts) {
    if (typeof p === 'string') allLiteral = false;
    else {
      allText = false;
      if (p.literal.includes('*') || p.literal.includes('?')) plainLiterals = false;
    }
  }
  // Literal text without * or ? means the same as pattern text: use compileGlob's fast paths.
  if (allText || (plainLiterals && !allLiteral)) {
    let joined = '';
    for (const p of parts) joined += typeof p === 'string' ? p : p.literal;
    return compileGlob(joined, options);
  }
  if (allLiteral) {
    const exact = (parts as { literal: string }[]).map((p) => p.literal).join('');
    if (options.ignoreCase) {
      const lower = exact.toLowerCase();
      return (v) => v.toLowerCase() === lower;
    }
    return (v) => v === exact;
  }
  return compileGlobMatcher(parts, options);
}

/**
 * A wildcard matcher for a policy string that may hold variables: compiled once when static;
 * when dynamic, compiled per distinct substitution and kept in a small bounded cache, so the hot
 * path does not build a regular expression per request. A variable with no value matches nothing.
 */
export function templateMatcher(
  template: Template,
  options: GlobOptions = {},
): (value: string, ctx: RequestContext) => boolean {
  if (!template.dynamic) {
    const m = compileGlobParts(template.parts(NO_CONTEXT)!, options);
    return (v) => m(v);
  }
  const cache = new Map<string, Matcher>();
  const segments = SEGMENTS.get(template);
  if (segments === undefined) {
    // A Template built elsewhere: key the cache on its full parts.
    return (v, ctx) => {
      const parts = template.parts(ctx);
      if (parts === undefined) return false;
      let key = '';
      for (const p of parts)
        key += typeof p === 'string' ? `s${p.length}:${p}` : `l${p.literal.length}:${p.literal}`;
      let m = cache.get(key);
      if (m === undefined) {
        m = compileGlobParts(parts, options);
        if (cache.size >= 256) cache.clear();
        cache.set(key, m);
      }
      return m(v);
    };
  }
  // The fixed text is the same for every request: key the cache on the substituted values only.
  return (v, ctx) => {
    let key = '';
    for (const s of segments) {
      if (s.kind !== 'var') continue;
      const value = lookup(ctx, s.keyLower, s.default);
      if (value === undefined) return false;
      key += `${value.length}:${value}`;
    }
    let m = cache.get(key);
    if (m === undefined) {
      m = compileGlobParts(template.parts(ctx)!, options);
      if (cache.size >= 256) cache.clear();
      cache.set(key, m);
    }
    return m(v);
  };
}

const NO_CONTEXT: RequestContext = { get: () => undefined };
