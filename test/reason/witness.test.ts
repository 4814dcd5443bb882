/**
 * The witness generator must be complete: every combination of pattern matches that some string
 * realises must be realised by a proposed witness, or a "never" answer could be wrong. Checked here
 * against brute force over every short string of a small alphabet, with the wildcard semantics of
 * the Action / Resource / condition operator pages:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, escapeRegex, globRegexSource } from '../../src/policy/wildcard.js';
import { stringWitnesses } from '../../src/reason/witness.js';

const ALPHABET = ['a', 'b', ':', '/'];

function allStrings(maxLen: number): string[] {
  let layer = [''];
  const out = [''];
  for (let n = 1; n <= maxLen; n++) {
    const next: string[] = [];
    for (const s of layer) for (const c of ALPHABET) next.push(s + c);
    out.push(...next);
    layer = next;
  }
  return out;
}

const SHORT = allStrings(5);

type Spec = { text: string; mode: 'glob' | 'arn' | 'literal'; ignoreCase: boolean };

function matcher(s: Spec): (v: string) => boolean {
  if (s.mode === 'literal')
    return s.ignoreCase ? (v) => v.toLowerCase() === s.text.toLowerCase() : (v) => v === s.text;
  return compileGlob(s.text, { arn: s.mode === 'arn', ignoreCase: s.ignoreCase });
}

function source(s: Spec): string {
  const text = s.ignoreCase ? s.text.toLowerCase() : s.text;
  return s.mode === 'literal' ? escapeRegex(text) : globRegexSource([text], s.mode === 'arn');
}

const specArb = fc.record({
  text: fc
    .array(fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?'), { minLength: 0, maxLength: 5 })
    .map((x) => x.join('')),
  mode: fc.constantFrom<'glob' | 'arn' | 'literal'>('glob', 'arn', 'literal'),
  ignoreCase: fc.boolean(),
});

describe('stringWitnesses: complete for wildcard patterns (brute force over short strings)', () => {
  it('every signature realised by a short string is realised by a witness', () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 1, maxLength: 4 }), (specs) => {
        const ms = specs.map(matcher);
        const sig = (v: string) => ms.map((m) => (m(v) ? '1' : '0')).join('');
        const witnesses = stringWitnesses(
          specs.map((s) => ({ source: source(s), ignoreCase: s.ignoreCase })),
          [],
        );
        const have = new Set(witnesses.map(sig));
        for (const v of SHORT) expect(have.has(sig(v)), `missing class of ${JSON.stringify(v)}`).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('finds a string in the difference of two overlapping patterns (s3:Get* minus s3:GetObject)', () => {
    const pats = ['s3:get*', 's3:getobject'].map((p) => ({ source: globRegexSource([p]), ignoreCase: true }));
    const ws = stringWitnesses(pats, []);
    const get = compileGlob('s3:get*', { ignoreCase: true });
    const obj = compileGlob('s3:getobject', { ignoreCase: true });
    expect(ws.some((w) => get(w) && !obj(w))).toBe(true);
    expect(ws.some((w) => get(w) && obj(w))).toBe(true);
    expect(ws.some((w) => !get(w) && !obj(w))).toBe(true);
  });
});
