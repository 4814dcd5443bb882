/**
 * Wildcard matching, the one implementation used for actions, resources, principals and the
 * String*Like / Arn*Like condition operators.
 *
 * - `*` matches any run of characters (also empty), `?` exactly one character.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * - ARN mode (the Resource element): each of the six colon-separated components is matched
 *   separately; "If the `*` wildcard is the last character of a resource ARN segment, it can
 *   expand to match beyond the colon boundaries", and within the resource component (everything
 *   after the fifth colon) wildcards match colons too.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * - Strict ARN mode (`arnStrict`, the ArnLike/ArnEquals condition operators): "Each of the six
 *   colon-delimited components of the ARN is checked separately"; the page's own example says
 *   that in `arn:aws:someservice:*:111122223333:finance/*` the first `*` "matches only
 *   `us-east-2`" and does not run past the colon. Only a `*` that ends the whole pattern before
 *   the resource component (e.g. `arn:aws:s3:*`) covers the rest of the value.
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */

/** A piece of a pattern: a string whose `*` and `?` are wildcards, or a literal matched verbatim. */
export type GlobPart = string | { literal: string };

export interface GlobOptions {
  ignoreCase?: boolean;
  arn?: boolean;
  /** With `arn`: a `*` ending one of the first five components stays inside it (ARN condition operators). */
  arnStrict?: boolean;
}

export type Matcher = (value: string) => boolean;

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
const REGEX_SPECIAL_CHARS = new Set([
  '.',
  '*',
  '+',
  '?',
  '^',
  '$',
  '{',
  '}',
  '(',
  ')',
  '|',
  '[',
  ']',
  '\\',
  '/',
]);

export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Regex source (unanchored) for a sequence of glob parts. */
export function globRegexSource(parts: readonly GlobPart[], arn = false, arnStrict = false): string {
  let out = '';
  let segment = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (typeof part !== 'string') {
      out += escapeRegex(part.literal);
      if (arn) for (const ch of part.literal) if (ch === ':') segment++;
      continue;
    }
    for (let i = 0; i < part.length; i++) {
      const ch = part[i];
      if (ch === '*') {
        if (!arn || segment >= 5) out += '.*';
        else {
          const next = i + 1 < part.length ? part[i + 1] : nextChar(parts, p);
          out += next === undefined || (next === ':' && !arnStrict) ? '.*' : '[^:]*';
        }
      } else if (ch === '?') {
        out += !arn || segment >= 5 ? '.' : '[^:]';
      } else {
        if (ch === ':') segment++;
        out += REGEX_SPECIAL_CHARS.has(ch) ? `\\${ch}` : ch;
      }
    }
  }
  return out;
}

function nextChar(parts: readonly GlobPart[], p: number): string | undefined {
  for (let q = p + 1; q < parts.length; q++) {
    const part = parts[q];
    const text = typeof part === 'string' ? part : part.literal;
    if (text.length > 0) return text[0];
  }
  return undefined;
}

export function globRegex(parts: readonly GlobPart[], options: GlobOptions = {}): RegExp {
  return new RegExp(
    `^${globRegexSource(parts, options.arn, options.arnStrict)}$`,
    options.ignoreCase ? 'is' : 's',
  );
}

/**
 * Compiles a wildcard pattern into a matcher. Fast paths for exact text and for a single
 * trailing `*` (the common `arn:aws:s3:::bucket/*`), a regular expression otherwise.
 */
export function compileGlob(pattern: string, options: GlobOptions = {}): Matcher {
  const ic = options.ignoreCase === true;
  const p = ic ? pattern.toLowerCase() : pattern;
  if (p === '*') return () => true;
  const star = p.indexOf('*');
  const q = p.indexOf('?');
  if (star < 0 && q < 0) {
    return ic ? (v) => v.length === p.length && v.toLowerCase() === p : (v) => v === p;
  }
  if (q < 0 && star === p.length - 1) {
    const prefix = p.slice(0, -1);
    return ic ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  const re = globRegex([pattern], options);
  return (v) => re.test(v);
}

/** True when `value` matches the wildcard `pattern` (compiles per call: use compileGlob in hot paths). */
export function globMatch(pattern: string, value: string, options: GlobOptions = {}): boolean {
  return compileGlob(pattern, options)(value);
}
