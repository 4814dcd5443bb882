/**
 * Patterns with many `*` use an automaton instead of a backtracking regular expression. It must
 * agree with the regular expression (the same tokens) and must not take exponential time.
 * Wildcards: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlobMatcher, globRegex } from '../../src/policy/wildcard.js';

const alphabet = fc.constantFrom('a', 'b', ':', '/', '*', '?', 'A');
const text = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(''));

describe('many-star patterns', () => {
  it('agree with the regular expression in every mode', () => {
    const modes = [{}, { ignoreCase: true }, { arn: true }, { arn: true, arnStrict: true }];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(text(3), fc.constant('*')), { minLength: 4, maxLength: 10 }).map((a) => a.join('')),
        text(16).map((s) => s.replace(/[*?]/g, 'a')),
        fc.constantFrom(...modes),
        (pattern, value, mode) => {
          fc.pre((pattern.match(/\*/g) ?? []).length > 3);
          expect(compileGlobMatcher([pattern], mode)(value)).toBe(globRegex([pattern], mode).test(value));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('answers a pathological pattern (*a repeated 30 times, then *b) at once', () => {
    const pattern = `arn:aws:s3:::b/${'*a'.repeat(30)}*b`;
    const m = compileGlobMatcher([pattern], { arn: true });
    expect(m(`arn:aws:s3:::b/${'a'.repeat(60)}`)).toBe(false);
    expect(m(`arn:aws:s3:::b/${'a'.repeat(60)}b`)).toBe(true);
  });
});
