/**
 * Whether two patterns can match a common string: used to decide whether a policy's resource
 * pattern (with `*`, `?` and policy variables) can name a resource of a given ARN format (with
 * `${Placeholder}` parts). Patterns are token lists; the check walks both at once, with memo.
 */

export type Token =
  | { kind: 'char'; c: string }
  /** Exactly one character not in `excl`. */
  | { kind: 'one'; excl: string }
  /** Any run (possibly empty) of characters not in `excl`. */
  | { kind: 'star'; excl: string };

/** Tokens of a policy pattern: `*` any run, `?` one character, `${...}` (a variable) any run. */
export function patternTokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i);
      if (end > 0) {
        out.push({ kind: 'star', excl: '' });
        i = end;
        continue;
      }
    }
    if (ch === '*') out.push({ kind: 'star', excl: '' });
    else if (ch === '?') out.push({ kind: 'one', excl: '' });
    else out.push({ kind: 'char', c: ch });
  }
  return out;
}

export type PlaceholderMode = 'lenient' | 'strict';

/**
 * Tokens of an ARN format. In `lenient` mode a placeholder is any non-empty run. In `strict`
 * mode a placeholder in the first five fields has no `:`; in the resource part, a lone name
 * (`${BucketName}`, `${QueueName}`) has neither `:` nor `/`, a name inside a structured part
 * (after a `/` or `:`) has no `:`, and a placeholder that says it holds a path (`...Path...`) or
 * ends a structured part may contain anything.
 */
export function formatTokens(format: string, mode: PlaceholderMode): Token[] {
  const out: Token[] = [];
  let colons = 0;
  let structured = false;
  const lastPlaceholder = format.lastIndexOf('${');
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '$' && format[i + 1] === '{') {
      const end = format.indexOf('}', i);
      if (end > 0) {
        const name = format.slice(i + 2, end);
        let excl = '';
        if (mode === 'strict') {
          if (colons < 5) excl = ':';
          else if (/path/i.test(name) || (i === lastPlaceholder && structured)) excl = '';
          // Inside a structured resource part names may hold paths (log groups: /aws/lambda/x).
          else if (structured) excl = ':';
          else excl = ':/';
        }
        out.push({ kind: 'one', excl }, { kind: 'star', excl });
        i = end;
        continue;
      }
    }
    if (colons >= 5 && (ch === '/' || ch === ':')) structured = true;
    if (ch === ':') colons++;
    out.push({ kind: 'char', c: ch });
  }
  return out;
}

function consumes(t: Token, c: string | undefined): boolean {
  if (c === undefined) return true;
  if (t.kind === 'char') return t.c === c;
  return !t.excl.includes(c);
}

/** True when some string matches both token lists. */
export function tokensIntersect(a: readonly Token[], b: readonly Token[], ignoreCase = false): boolean {
  const seen = new Set<number>();
  const width = b.length + 1;
  const norm = (c: string) => (ignoreCase ? c.toLowerCase() : c);
  const visit = (i: number, j: number): boolean => {
    if (i === a.length && j === b.length) return true;
    const key = i * width + j;
    if (seen.has(key)) return false;
    seen.add(key);
    const ta = a[i];
    const tb = b[j];
    if (ta?.kind === 'star' && visit(i + 1, j)) return true;
    if (tb?.kind === 'star' && visit(i, j + 1)) return true;
    if (!ta || !tb) return false;
    // Consume one character common to both tokens.
    let ok: boolean;
    if (ta.kind === 'char' && tb.kind === 'char') ok = norm(ta.c) === norm(tb.c);
    else if (ta.kind === 'char') ok = consumes(tb, ta.c);
    else if (tb.kind === 'char') ok = consumes(ta, tb.c);
    else ok = true; // two character classes with finite exclusions always share a character
    if (!ok) return false;
    const ni = ta.kind === 'star' ? i : i + 1;
    const nj = tb.kind === 'star' ? j : j + 1;
    if (ni === i && nj === j) return false;
    return visit(ni, nj);
  };
  return visit(0, 0);
}

const caches: Record<PlaceholderMode, Map<string, { tokens: Token[]; results: Map<string, boolean> }>> = {
  lenient: new Map(),
  strict: new Map(),
};

// A resource is tried against every ARN format of its service in a row: tokenize it once for all.
let lastResource: string | undefined;
let lastTokens: Token[] = [];
function resourceTokens(resource: string): Token[] {
  if (resource !== lastResource) {
    lastTokens = patternTokens(resource);
    lastResource = resource;
  }
  return lastTokens;
}

/** Can the policy resource pattern name a resource of this ARN format? (memoized per format) */
export function resourceMatchesFormat(resource: string, format: string, mode: PlaceholderMode): boolean {
  const byFormat = caches[mode];
  let entry = byFormat.get(format);
  if (!entry) {
    entry = { tokens: formatTokens(format, mode), results: new Map() };
    byFormat.set(format, entry);
  }
  let v = entry.results.get(resource);
  if (v === undefined) {
    v = prefixesCompatible(resource, format) && tokensIntersect(resourceTokens(resource), entry.tokens);
    if (entry.results.size > 5000) entry.results.clear();
    entry.results.set(resource, v);
  }
  return v;
}

/** Quick rejection: the literal text before the first wildcard/placeholder must agree. */
function prefixesCompatible(resource: string, format: string): boolean {
  const n = Math.min(literalPrefix(resource, true), literalPrefix(format, false));
  return resource.slice(0, n) === format.slice(0, n);
}

function literalPrefix(text: string, pattern: boolean): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') return i;
    if (pattern && (c === '*' || c === '?')) return i;
  }
  return text.length;
}
