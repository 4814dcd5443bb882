// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN format placeholders are ${...} text
/**
 * The pattern-intersection used to match policy resources against ARN formats agrees with the
 * one wildcard matcher (src/policy/wildcard.ts) whenever one side is a concrete string:
 * "*" matches any run of characters, "?" exactly one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/policy/wildcard.js';
import { patternTokens, resourceMatchesFormat, tokensIntersect } from '../../src/validate/glob.js';

const alphabet = fc.constantFrom('a', 'b', '/', ':', '-');
const concrete = fc.array(alphabet, { maxLength: 8 }).map((a) => a.join(''));
const pattern = fc
  .array(fc.oneof(alphabet, fc.constantFrom('*', '?')), { maxLength: 8 })
  .map((a) => a.join(''));

describe('pattern intersection', () => {
  it('equals wildcard matching when one side is concrete', () => {
    fc.assert(
      fc.property(pattern, concrete, (p, s) => {
        expect(tokensIntersect(patternTokens(p), patternTokens(s))).toBe(compileGlob(p)(s));
      }),
      { numRuns: 500 },
    );
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        expect(tokensIntersect(patternTokens(a), patternTokens(b))).toBe(
          tokensIntersect(patternTokens(b), patternTokens(a)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('holds when a common witness exists (both patterns match some string)', () => {
    fc.assert(
      fc.property(pattern, pattern, concrete, (a, b, s) => {
        if (compileGlob(a)(s) && compileGlob(b)(s))
          expect(tokensIntersect(patternTokens(a), patternTokens(b))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a bucket name from spanning a slash in strict mode (bucket vs object ARNs)', () => {
    const bucket = 'arn:${Partition}:s3:::${BucketName}';
    const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
    expect(resourceMatchesFormat('arn:aws:s3:::my-bucket', bucket, 'strict')).toBe(true);
    expect(resourceMatchesFormat('arn:aws:s3:::my-bucket/*', bucket, 'strict')).toBe(false);
    expect(resourceMatchesFormat('arn:aws:s3:::my-bucket/*', object, 'strict')).toBe(true);
    expect(resourceMatchesFormat('arn:aws:s3:::my-bucket', object, 'strict')).toBe(false);
    expect(resourceMatchesFormat('arn:*:s3:::*', object, 'strict')).toBe(true);
    expect(resourceMatchesFormat('arn:aws:s3:::my-bucket/*', bucket, 'lenient')).toBe(true);
  });

  it('lets a log group name hold slashes and a trailing * reach its log streams', () => {
    const stream =
      'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
    expect(
      resourceMatchesFormat('arn:aws:logs:eu-west-1:111122223333:log-group:/ci/*', stream, 'strict'),
    ).toBe(true);
    expect(
      resourceMatchesFormat('arn:aws:logs:eu-west-1:111122223333:log-group:/ci/build', stream, 'strict'),
    ).toBe(false);
  });
});
