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

/**
 * A pattern as tokens: a literal character, one character, or a run of characters; `anyColon`
 * says whether the wildcard may match `:` (ARN modes keep most wildcards inside a component).
 */
export type GlobToken =
  | { k: 'lit'; c: string }
  | { k: 'one'; anyColon: boolean }
  | { k: 'star'; anyColon: boolean };

/** Tokens for a sequence of glob parts, under the ARN component rules of the options. */
export function globTokens(parts: readonly GlobPart[], arn = false, arnStrict = false): GlobToken[] {
  const out: GlobToken[] = [];
  let segment = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (typeof part !== 'string') {
      for (const c of part.literal) {
        out.push({ k: 'lit', c });
        if (arn && c === ':') segment++;
      }
      continue;
    }
    for (let i = 0; i < part.length; i++) {
      const ch = part[i];
      if (ch === '*') {
        let anyColon = true;
        if (arn && segment < 5) {
          const next = i + 1 < part.length ? part[i + 1] : nextChar(parts, p);
          anyColon = next === undefined || (next === ':' && !arnStrict);
        }
        out.push({ k: 'star', anyColon });
      } else if (ch === '?') {
        out.push({ k: 'one', anyColon: !arn || segment >= 5 });
      } else {
        if (ch === ':') segment++;
        out.push({ k: 'lit', c: ch });
      }
    }
  }
  return out;
}

/** Regex source (unanchored) for a sequence of glob parts. */
export function globRegexSource(parts: readonly GlobPart[], arn = false, arnStrict = false): string {
  let out = '';
  for (const t of globTokens(parts, arn, arnStrict)) {
    if (t.k === 'lit') out += REGEX_SPECIAL_CHARS.has(t.c) ? `\\${t.c}` : t.c;
    else if (t.k === 'one') out += t.anyColon ? '.' : '[^:]';
    else out += t.anyColon ? '.*' : '[^:]*';
  }
  return out;
}

/**
 * Matches tokens by following every possible position at once (a Thompson-style automaton), in
 * time proportional to value length times pattern length. Backtracking regular expressions take
 * exponential time on patterns with many `*` (`*a*a*a...*b`), which policies may contain.
 */
function tokenMatcher(tokens: readonly GlobToken[], ignoreCase: boolean): Matcher {
  const n = tokens.length;
  const lits = tokens.map((t) => (t.k === 'lit' ? (ignoreCase ? t.c.toLowerCase() : t.c) : ''));
  // Adds state i and, across stars (which may match nothing), the states after it.
  const add = (set: Uint8Array, i: number) => {
    while (i <= n && !set[i]) {
      set[i] = 1;
      if (i < n && tokens[i].k === 'star') i++;
      else break;
    }
  };
  return (value) => {
    const v = ignoreCase ? value.toLowerCase() : value;
    let cur = new Uint8Array(n + 1);
    let next = new Uint8Array(n + 1);
    add(cur, 0);
    for (let j = 0; j < v.length; j++) {
      const c = v[j];
      next.fill(0);
      let any = false;
      for (let i = 0; i < n; i++) {
        if (!cur[i]) continue;
        const t = tokens[i];
        if (t.k === 'star') {
          if (t.anyColon || c !== ':') {
            add(next, i);
            any = true;
          }
        } else if (t.k === 'one' ? t.anyColon || c !== ':' : lits[i] === c) {
          add(next, i + 1);
          any = true;
        }
      }
      if (!any) return false;
      [cur, next] = [next, cur];
    }
    return cur[n] === 1;
  };
}

/**
 * A matcher for glob parts: a regular expression while the pattern has few `*` (fast, and
 * backtracking stays polynomial of low degree), the automaton beyond that.
 */
export function compileGlobMatcher(parts: readonly GlobPart[], options: GlobOptions = {}): Matcher {
  const tokens = globTokens(parts, options.arn, options.arnStrict);
  let stars = 0;
  for (const t of tokens) if (t.k === 'star') stars++;
  if (stars <= 3) {
    const re = globRegex(parts, options);
    return (v) => re.test(v);
  }
  return tokenMatcher(tokens, options.ignoreCase === true);
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
  return compileGlobMatcher([pattern], options);
}

/** True when `value` matches the wildcard `pattern` (compiles per call: use compileGlob in hot paths). */
export function globMatch(pattern: string, value: string, options: GlobOptions = {}): boolean {
  return compileGlob(pattern, options)(value);
}
