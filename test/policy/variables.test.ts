// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written as literal ${...} text
/**
 * Policy variables.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Context } from '../../src/policy/context.js';
import {
  compileGlobParts,
  findVariables,
  parseTemplate,
  templateMatcher,
} from '../../src/policy/variables.js';
import { compileGlob, globRegex } from '../../src/policy/wildcard.js';

const ON = { variables: true };
const OFF = { variables: false };

describe('findVariables (reference_policies_variables.html)', () => {
  it.each([
    ['arn:aws:s3:::bucket/${aws:username}/*', [{ key: 'aws:username', start: 20, end: 35 }]],
    ['${aws:PrincipalTag/team}', [{ key: 'aws:PrincipalTag/team', start: 0, end: 24 }]],
    ["${aws:userid, 'anonymous'}", [{ key: 'aws:userid', default: 'anonymous', start: 0, end: 26 }]],
    ["x${aws:userid,'a'}", [{ key: 'aws:userid', default: 'a', start: 1, end: 18 }]],
    ["${ aws:userid , 'a b' }", [{ key: 'aws:userid', default: 'a b', start: 0, end: 23 }]],
    ["${k, 'it''s'}", [{ key: 'k', default: "it's", start: 0, end: 13 }]],
    ["${k, 'a}b'}", [{ key: 'k', default: 'a}b', start: 0, end: 11 }]],
    [
      '${*}${?}${$}',
      [
        { key: '*', start: 0, end: 4 },
        { key: '?', start: 4, end: 8 },
        { key: '$', start: 8, end: 12 },
      ],
    ],
    ['${aws:PrincipalTag/Cost Center}', [{ key: 'aws:PrincipalTag/Cost Center', start: 0, end: 31 }]],
  ])('%s', (text, expected) => {
    const found = findVariables(text).map(({ key, default: d, start, end }) =>
      d === undefined ? { key, start, end } : { key, default: d, start, end },
    );
    expect(found).toEqual(expected);
    for (const v of findVariables(text)) expect(text.slice(v.start, v.end)).toBe(v.text);
  });

  it.each([
    ['no variable here'],
    ['${unterminated'],
    ['${}'],
    ['${   }'],
    ['${k, default}'],
    ["${k, 'unterminated}"],
    ['$aws:username'],
    ['{aws:username}'],
  ])('malformed or absent: %s', (text) => {
    expect(findVariables(text)).toEqual([]);
  });

  it('never throws and reports spans inside the text (property)', () => {
    const ch = fc.constantFrom('$', '{', '}', "'", ',', ' ', 'a', ':', '*', '?');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 30 }), (cs) => {
        const text = cs.join('');
        for (const v of findVariables(text)) {
          expect(v.start).toBeGreaterThanOrEqual(0);
          expect(v.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(v.start, v.end)).toBe(v.text);
          expect(v.text.startsWith('${') && v.text.endsWith('}')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseTemplate: substitution', () => {
  const ctx = new Context({
    'aws:username': 'martha_rivera',
    'aws:PrincipalTag/team': 'yellow',
    'aws:userid': 'AIDAEXAMPLE',
    'aws:PrincipalTag/odd': 'a*b?c',
    'aws:TagKeys': ['k1', 'k2'],
  });

  it('substitutes the context value of the key ("IAM replaces the variable ${aws:username} with the friendly name")', () => {
    const t = parseTemplate('home/${aws:username}/', ON);
    expect(t.dynamic).toBe(true);
    expect(t.keys).toEqual(['aws:username']);
    expect(t.resolve(ctx)).toBe('home/martha_rivera/');
  });

  it('looks keys up case-insensitively ("Key names are case-insensitive")', () => {
    const t = parseTemplate('${AWS:USERNAME}-${aws:principaltag/TEAM}', ON);
    expect(t.keys).toEqual(['aws:username', 'aws:principaltag/team']);
    expect(t.resolve(ctx)).toBe('martha_rivera-yellow');
  });

  it('a variable with no value does not resolve (policy-vars-no-value)', () => {
    const t = parseTemplate('arn:aws:s3:::b/${aws:PrincipalTag/missing}', ON);
    expect(t.resolve(ctx)).toBeUndefined();
    expect(t.parts(ctx)).toBeUndefined();
  });

  it('uses the default value when the key is absent (policy-vars-default-values)', () => {
    const t = parseTemplate("amzn-s3-demo-bucket-${aws:PrincipalTag/department, 'company-wide'}", ON);
    expect(t.resolve(ctx)).toBe('amzn-s3-demo-bucket-company-wide');
    expect(t.resolve(new Context({ 'aws:PrincipalTag/department': 'hr' }))).toBe('amzn-s3-demo-bucket-hr');
    expect(t.keys).toEqual(['aws:principaltag/department']);
  });

  it('a multivalued key cannot be a variable ("You can\'t use a multivalued condition key as a variable")', () => {
    expect(parseTemplate('${aws:TagKeys}', ON).resolve(ctx)).toBeUndefined();
    expect(parseTemplate("${aws:TagKeys, 'none'}", ON).resolve(ctx)).toBe('none');
  });

  it('special characters ${*} ${?} ${$} are literal characters', () => {
    const t = parseTemplate('a${*}b${?}c${$}', ON);
    expect(t.dynamic).toBe(false);
    expect(t.keys).toEqual([]);
    expect(t.resolve(ctx)).toBe('a*b?c$');
    expect(t.parts(ctx)).toEqual(['a', { literal: '*' }, 'b', { literal: '?' }, 'c', { literal: '$' }]);
    const re = globRegex(t.parts(ctx)!);
    expect(re.test('a*b?c$')).toBe(true);
    expect(re.test('axxb?c$')).toBe(false);
  });

  it('substituted values are literal in glob parts: a * inside a tag value is not a wildcard', () => {
    const t = parseTemplate('x/${aws:PrincipalTag/odd}/*', ON);
    const parts = t.parts(ctx)!;
    expect(parts).toEqual(['x/', { literal: 'a*b?c' }, '/*']);
    const re = globRegex(parts);
    expect(re.test('x/a*b?c/anything')).toBe(true);
    expect(re.test('x/aZZbQc/anything')).toBe(false);
  });

  it('substitutes once: a default containing ${...} is not expanded again', () => {
    const t = parseTemplate("${aws:missing, '${aws:username}'}", ON);
    expect(t.resolve(ctx)).toBe('${aws:username}');
  });

  it('text with no variables is static', () => {
    const t = parseTemplate('arn:aws:s3:::bucket/*', ON);
    expect(t.dynamic).toBe(false);
    expect(t.parts(ctx)).toEqual(['arn:aws:s3:::bucket/*']);
    expect(t.resolve(ctx)).toBe('arn:aws:s3:::bucket/*');
  });

  it('malformed variables stay literal text', () => {
    const t = parseTemplate('${aws:username', ON);
    expect(t.dynamic).toBe(false);
    expect(t.resolve(ctx)).toBe('${aws:username');
  });
});

describe('parseTemplate: Version without variables', () => {
  it('"variables like ${aws:username} are treated as literal strings in the policy" (2008-10-17 / no Version)', () => {
    const ctx = new Context({ 'aws:username': 'bob' });
    const t = parseTemplate('home/${aws:username}/${*}', OFF);
    expect(t.dynamic).toBe(false);
    expect(t.keys).toEqual([]);
    expect(t.resolve(ctx)).toBe('home/${aws:username}/${*}');
    expect(t.parts(ctx)).toEqual(['home/${aws:username}/${*}']);
    expect(compileGlob(t.resolve(ctx)!)('home/${aws:username}/${anything}')).toBe(true);
    expect(compileGlob(t.resolve(ctx)!)('home/bob/x')).toBe(false);
  });
});

describe('parseTemplate agrees with a naive substitution (property)', () => {
  it('resolve() equals replacing each variable by its value', () => {
    const keyArb = fc.constantFrom('aws:username', 'aws:PrincipalTag/team', 'aws:userid', 'aws:missing');
    const piece = fc.oneof(
      fc.constantFrom('a', 'b', '/', '*', '?', ':', '-'),
      keyArb.map((k) => `\${${k}}`),
      keyArb.map((k) => `\${${k}, 'dflt'}`),
      fc.constantFrom('${*}', '${?}', '${$}'),
    );
    const values: Record<string, string> = {
      'aws:username': 'u*1',
      'aws:principaltag/team': 'T',
      'aws:userid': 'ID',
    };
    const ctx = new Context({ 'aws:username': 'u*1', 'aws:PrincipalTag/team': 'T', 'aws:userid': 'ID' });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        let expected: string | undefined = '';
        for (const p of pieces) {
          if (expected === undefined) break;
          const m = /^\$\{([^,}]+)(?:, '([^']*)')?\}$/.exec(p);
          if (!m) expected += p;
          else if (m[1] === '*' || m[1] === '?' || m[1] === '$') expected += m[1];
          else {
            const v = values[m[1].toLowerCase()] ?? m[2];
            expected = v === undefined ? undefined : expected + v;
          }
        }
        expect(parseTemplate(text, ON).resolve(ctx)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe(`templateMatcher (${'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html'})`, () => {
  it('matches the substituted pattern per request and caches nothing wrong across requests', () => {
    const m = templateMatcher(parseTemplate('arn:aws:s3:::b/${aws:username}/*', ON), { arn: true });
    const alice = new Context({ 'aws:username': 'alice' });
    const bob = new Context({ 'aws:username': 'bob' });
    expect(m('arn:aws:s3:::b/alice/x', alice)).toBe(true);
    expect(m('arn:aws:s3:::b/alice/x', bob)).toBe(false);
    expect(m('arn:aws:s3:::b/bob/x', bob)).toBe(true);
    expect(m('arn:aws:s3:::b/alice/x', alice)).toBe(true);
    // "the resource that includes a policy variable with no value will not match any resource"
    expect(m('arn:aws:s3:::b//x', new Context({}))).toBe(false);
  });

  it('a static template is an ordinary glob', () => {
    const m = templateMatcher(parseTemplate('a${*}*', ON));
    expect(m('a*zz', new Context({}))).toBe(true);
    expect(m('abzz', new Context({}))).toBe(false);
  });

  it('compileGlobParts: all-literal parts compare exactly, also ignoring case', () => {
    expect(compileGlobParts([{ literal: 'A*' }])('A*')).toBe(true);
    expect(compileGlobParts([{ literal: 'A*' }])('AB')).toBe(false);
    expect(compileGlobParts([{ literal: 'A*' }], { ignoreCase: true })('a*')).toBe(true);
    expect(compileGlobParts(['x', { literal: '?' }, '?'])('x?y')).toBe(true);
    expect(compileGlobParts(['x', { literal: '?' }, '?'])('xyy')).toBe(false);
  });
});

describe('compileGlobParts agrees with globRegex on random parts (property)', () => {
  it('plain, ignoreCase and ARN modes', () => {
    const ch = fc.constantFrom('a', 'B', ':', '/', '*', '?');
    const text = fc.array(ch, { maxLength: 5 }).map((c) => c.join(''));
    const part = fc.oneof(
      text,
      text.map((t) => ({ literal: t })),
    );
    const mode = fc.constantFrom({}, { ignoreCase: true }, { arn: true }, { arn: true, arnStrict: true });
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 4 }),
        fc.array(ch, { maxLength: 10 }),
        mode,
        (parts, v, options) => {
          const value = v.join('');
          expect(compileGlobParts(parts, options)(value)).toBe(globRegex(parts, options).test(value));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
