/**
 * Property tests: compileGlob agrees with naive reference matchers written here from the
 * documented rules, on random patterns and values over a small alphabet.
 *
 * - `*` any run of characters, `?` exactly one:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * - Resource element ARN matching ("If the * wildcard is the last character of a resource ARN
 *   segment, it can expand to match beyond the colon boundaries"):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * - ArnLike/ArnEquals ("Each of the six colon-delimited components of the ARN is checked
 *   separately"; the first `*` of `arn:aws:someservice:*:111122223333:finance/*` "matches only
 *   us-east-2"):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, type GlobPart, globRegex } from '../../src/policy/wildcard.js';

/** Plain glob by memoised recursion over (pattern index, value index). */
function refGlob(pattern: string, value: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i * (value.length + 1) + j;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === pattern.length) r = j === value.length;
    else if (pattern[i] === '*') r = go(i + 1, j) || (j < value.length && go(i, j + 1));
    else if (j === value.length) r = false;
    else if (pattern[i] === '?') r = go(i + 1, j + 1);
    else r = pattern[i] === value[j] && go(i + 1, j + 1);
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

/** Splits at the first `n` colons (the rest stays in the last piece). */
function splitColons(s: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  for (let i = 0; i < n; i++) {
    const at = rest.indexOf(':');
    if (at < 0) break;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

/**
 * ArnLike by splitting: the six components of pattern and value are globbed one by one (no
 * component before the resource can hold a colon). A pattern with fewer than six components
 * matches only when its last component ends in `*`, which then covers the rest of the value.
 */
function refArnStrict(pattern: string, value: string): boolean {
  const p = splitColons(pattern, 5);
  if (p.length === 6) {
    const v = splitColons(value, 5);
    return v.length === 6 && p.every((comp, i) => refGlob(comp, v[i]));
  }
  const k = p.length - 1; // colons in the pattern
  const last = p[k];
  const v = splitColons(value, k);
  if (v.length !== k + 1) return false;
  for (let i = 0; i < k; i++) if (!refGlob(p[i], v[i])) return false;
  const rest = v[k];
  if (!last.endsWith('*')) return !rest.includes(':') && refGlob(last, rest);
  const head = last.slice(0, -1);
  // The final `*` takes any suffix; the part before it stays within the component.
  for (let cut = 0; cut <= rest.length; cut++) {
    const before = rest.slice(0, cut);
    if (before.includes(':')) break;
    if (refGlob(head, before)) return true;
  }
  return false;
}

/**
 * Resource-element ARN matching by backtracking with the rules checked where they apply: a
 * wildcard may consume a colon only in the resource component (after the fifth colon of the
 * pattern), or when it is a `*` that ends its component (next pattern char is `:`) or the pattern.
 */
function refArnResource(pattern: string, value: string): boolean {
  const colonsBefore: number[] = [];
  let c = 0;
  for (const ch of pattern) {
    colonsBefore.push(c);
    if (ch === ':') c++;
  }
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = i * (value.length + 1) + j;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === pattern.length) r = j === value.length;
    else {
      const ch = pattern[i];
      const inResource = colonsBefore[i] >= 5;
      if (ch === '*') {
        const mayCross = inResource || i === pattern.length - 1 || pattern[i + 1] === ':';
        r = go(i + 1, j) || (j < value.length && (mayCross || value[j] !== ':') && go(i, j + 1));
      } else if (j === value.length) r = false;
      else if (ch === '?') r = (inResource || value[j] !== ':') && go(i + 1, j + 1);
      else r = ch === value[j] && go(i + 1, j + 1);
    }
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

const patternChar = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?');
const valueChar = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?');
const pattern = fc.array(patternChar, { maxLength: 12 }).map((cs) => cs.join(''));
const value = fc.array(valueChar, { maxLength: 14 }).map((cs) => cs.join(''));

/** A value built from the pattern (wildcards replaced by random text), so matches are common. */
const patternAndInstance = fc
  .tuple(pattern, fc.array(fc.array(valueChar, { maxLength: 3 }), { minLength: 12, maxLength: 12 }))
  .map(([p, fills]) => {
    let v = '';
    [...p].forEach((ch, i) => {
      if (ch === '*') v += fills[i].join('');
      else if (ch === '?') v += fills[i][0] ?? 'a';
      else v += ch;
    });
    return [p, v] as const;
  });

const pairs = fc.oneof(fc.tuple(pattern, value), patternAndInstance);
const runs = { numRuns: 3000 };

describe('compileGlob agrees with reference matchers (property)', () => {
  it('plain mode: * any run, ? one character', () => {
    fc.assert(
      fc.property(pairs, ([p, v]) => {
        expect(compileGlob(p)(v)).toBe(refGlob(p, v));
      }),
      runs,
    );
  });

  it('ignoreCase mode equals the reference on lowercased pattern and value', () => {
    fc.assert(
      fc.property(pairs, ([p, v]) => {
        expect(compileGlob(p, { ignoreCase: true })(v)).toBe(refGlob(p.toLowerCase(), v.toLowerCase()));
      }),
      runs,
    );
  });

  it('ARN mode (Resource element): segment-final * may cross colons', () => {
    fc.assert(
      fc.property(pairs, ([p, v]) => {
        expect(compileGlob(p, { arn: true })(v)).toBe(refArnResource(p, v));
      }),
      runs,
    );
  });

  it('strict ARN mode (ArnLike): components checked separately', () => {
    fc.assert(
      fc.property(pairs, ([p, v]) => {
        expect(compileGlob(p, { arn: true, arnStrict: true })(v)).toBe(refArnStrict(p, v));
      }),
      runs,
    );
  });

  it('glob parts: literal parts match their text verbatim, wildcards included', () => {
    const part = fc.oneof(
      pattern,
      pattern.map((t): GlobPart => ({ literal: t })),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 4 }), value, (parts, v) => {
        // Reference: escape literal text into a pattern over a private alphabet.
        const chars: Array<{ ch: string; lit: boolean }> = [];
        for (const p of parts) {
          if (typeof p === 'string') for (const ch of p) chars.push({ ch, lit: false });
          else for (const ch of p.literal) chars.push({ ch, lit: true });
        }
        const memo = new Map<number, boolean>();
        const go = (i: number, j: number): boolean => {
          const k = i * (v.length + 1) + j;
          const hit = memo.get(k);
          if (hit !== undefined) return hit;
          let r: boolean;
          if (i === chars.length) r = j === v.length;
          else if (!chars[i].lit && chars[i].ch === '*') r = go(i + 1, j) || (j < v.length && go(i, j + 1));
          else if (j === v.length) r = false;
          else if (!chars[i].lit && chars[i].ch === '?') r = go(i + 1, j + 1);
          else r = chars[i].ch === v[j] && go(i + 1, j + 1);
          memo.set(k, r);
          return r;
        };
        expect(globRegex(parts).test(v)).toBe(go(0, 0));
      }),
      runs,
    );
  });
});

describe('documented ARN examples', () => {
  const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
  const value = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
  it('StringLike matches (the first * spans colons)', () => {
    expect(compileGlob(pattern)(value)).toBe(true);
  });
  it('ArnLike does not match (the first * matches only us-east-2)', () => {
    expect(compileGlob(pattern, { arn: true, arnStrict: true })(value)).toBe(false);
  });
  it('ArnLike matches a same-shaped ARN', () => {
    const ok = 'arn:aws:someservice:us-east-2:111122223333:finance/document.txt';
    expect(compileGlob(pattern, { arn: true, arnStrict: true })(ok)).toBe(true);
  });
});
