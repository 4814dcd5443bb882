/**
 * The policy size of the quota checks (characters without whitespace outside strings, as IAM
 * counts them: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html) is
 * counted in place; it must give the answer of the plain definition (remove the whitespace that
 * is not inside a JSON string) on any text, broken JSON included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sizeWithoutWhitespace } from '../../src/validate/checks/elements/shared.js';

const definition = (text: string) =>
  text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m[0] === '"' ? m : '')).length;

describe('sizeWithoutWhitespace', () => {
  it('counts a policy without its layout', () => {
    const compact = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get Object"}]}';
    const pretty = JSON.stringify(JSON.parse(compact), null, 4);
    expect(sizeWithoutWhitespace(pretty)).toBe(compact.length);
    expect(sizeWithoutWhitespace(compact)).toBe(compact.length);
  });

  it('agrees with the definition on any text (property)', () => {
    const char = fc.constantFrom(
      '"',
      '\\',
      ' ',
      '\n',
      '\r',
      '\t',
      '\u00a0',
      '\u2028',
      '\ufeff',
      'a',
      '{',
      ':',
      'é',
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(sizeWithoutWhitespace(text)).toBe(definition(text));
      }),
      { numRuns: 3000 },
    );
  });
});
