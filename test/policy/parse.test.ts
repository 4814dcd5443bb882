/**
 * The policy parser: every accepted form and every rejection with its code and location.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * Elements: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 * Locations follow Access Analyzer's shape (1-based line, 0-based column):
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_Location.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, type PolicyIssue, PolicyParseError } from '../../src/policy/issues.js';
import type { PathElement } from '../../src/policy/location.js';
import { parseOperator, parsePolicy, parsePolicyStrict, parsePolicyValue } from '../../src/policy/parse.js';

/** 1-based line and 0-based column of the first occurrence of `needle`, counted here independently. */
function at(text: string, needle: string, nth = 0): { line: number; column: number; offset: number } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${needle} not in text`);
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return { line, column, offset };
}

function issues(text: string): PolicyIssue[] {
  return parsePolicy(text).issues;
}

function only(text: string): PolicyIssue {
  const list = issues(text);
  expect(list).toHaveLength(1);
  return list[0];
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe('accepted forms (reference_policies_grammar.html)', () => {
  it('Action, Resource and their Not forms as a string or an array', () => {
    const doc = parsePolicyValue({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], NotResource: ['arn:aws:s3:::b', 'arn:aws:s3:::c'] },
      ],
    });
    expect(doc.statements[0].action?.map((a) => a.value)).toEqual(['s3:GetObject']);
    expect(doc.statements[0].resource?.map((a) => a.value)).toEqual(['arn:aws:s3:::b/*']);
    expect(doc.statements[1].notAction?.map((a) => a.value)).toEqual(['iam:*', 'sts:*']);
    expect(doc.statements[1].notResource?.map((a) => a.value)).toEqual(['arn:aws:s3:::b', 'arn:aws:s3:::c']);
    expect(doc.statements[1].action).toBeUndefined();
    expect(doc.statements.map((s) => s.index)).toEqual([0, 1]);
  });

  it('"Principal": "*" is the wildcard', () => {
    const doc = parsePolicyValue({
      Statement: { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
    });
    expect(doc.statements[0].principal).toMatchObject({ wildcard: true });
  });

  it('Principal maps: AWS, Service, Federated, CanonicalUser, each a string or an array', () => {
    const doc = parsePolicyValue({
      Statement: {
        Effect: 'Allow',
        Principal: {
          AWS: ['arn:aws:iam::111122223333:root', '444455556666'],
          Service: 'ec2.amazonaws.com',
          Federated: 'cognito-identity.amazonaws.com',
          CanonicalUser: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
        },
        Action: 'sts:AssumeRole',
      },
    });
    const p = doc.statements[0].principal;
    expect(p?.wildcard).toBe(false);
    if (p && !p.wildcard) {
      expect(p.entries.map((e) => [e.type, e.value.value])).toEqual([
        ['AWS', 'arn:aws:iam::111122223333:root'],
        ['AWS', '444455556666'],
        ['Service', 'ec2.amazonaws.com'],
        ['Federated', 'cognito-identity.amazonaws.com'],
        ['CanonicalUser', '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'],
      ]);
    }
  });

  it('NotPrincipal', () => {
    const doc = parsePolicyValue({
      Statement: { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: '*', Resource: '*' },
    });
    expect(doc.statements[0].notPrincipal).toMatchObject({ wildcard: false, entries: [{ type: 'AWS' }] });
  });

  it('condition values: string, number, boolean and arrays of them', () => {
    const doc = parsePolicyValue({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:username': 'bob', 'aws:PrincipalTag/x': ['a', 'b'] },
          NumericLessThan: { 's3:max-keys': 10 },
          Bool: { 'aws:SecureTransport': true },
          'ForAnyValue:StringLike': { 'aws:TagKeys': ['a*', 1, false] },
        },
      },
    });
    const c = doc.statements[0].conditions;
    expect(
      c.map((e) => [e.operator.text, e.key.value, e.keyLower, e.values.map((v) => v.value), e.valuesIsArray]),
    ).toEqual([
      ['StringEquals', 'aws:username', 'aws:username', ['bob'], false],
      ['StringEquals', 'aws:PrincipalTag/x', 'aws:principaltag/x', ['a', 'b'], true],
      ['NumericLessThan', 's3:max-keys', 's3:max-keys', [10], false],
      ['Bool', 'aws:SecureTransport', 'aws:securetransport', [true], false],
      ['ForAnyValue:StringLike', 'aws:TagKeys', 'aws:tagkeys', ['a*', 1, false], true],
    ]);
  });

  it('Sid and Id are optional; when present they are kept', () => {
    const without = parsePolicyValue({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(without.id).toBeUndefined();
    expect(without.statements[0].sid).toBeUndefined();
    const withIds = parsePolicyValue({
      Id: 'P1',
      Statement: [{ Sid: 'S1', Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(withIds.id?.value).toBe('P1');
    expect(withIds.statements[0].sid?.value).toBe('S1');
  });

  it.each([['2012-10-17'], ['2008-10-17']])('Version %s is accepted', (version) => {
    const doc = parsePolicyValue({
      Version: version,
      Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
    });
    expect(doc.version?.value).toBe(version);
  });

  it('Statement may be a single object', () => {
    const doc = parsePolicyValue({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    expect(doc.statementIsArray).toBe(false);
    expect(doc.statements).toHaveLength(1);
    expect(doc.statements[0].index).toBe(0);
  });

  it('keeps the location of every element', () => {
    const text = json({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' },
        {
          Sid: 'B',
          Effect: 'Deny',
          Action: 'iam:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:username': 'x' } },
        },
      ],
    });
    const doc = parsePolicyStrict(text, { file: 'p.json' });
    expect(doc.file).toBe('p.json');
    expect(doc.text).toBe(text);
    const put = doc.statements[0].action![1];
    expect(put.loc.path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { index: 1 }]);
    const pos = at(text, '"s3:PutObject"');
    expect(put.loc.span.start).toEqual(pos);
    expect(put.loc.span.end.offset).toBe(pos.offset + '"s3:PutObject"'.length);
    const cond = doc.statements[1].conditions[0];
    expect(cond.key.loc.span.start).toEqual(at(text, '"aws:username"'));
    expect(cond.operatorLoc.span.start).toEqual(at(text, '"StringEquals"'));
    expect(cond.values[0].loc.path).toEqual([
      { value: 'Statement' },
      { index: 1 },
      { value: 'Condition' },
      { value: 'StringEquals' },
      { value: 'aws:username' },
    ]);
    expect(doc.statements[1].effect.loc.span.start).toEqual(at(text, '"Deny"'));
    expect(doc.statements[1].sid?.loc.span.start).toEqual(at(text, '"B"'));
  });

  it('parseOperator splits qualifier, base and IfExists', () => {
    expect(parseOperator('ForAnyValue:StringLikeIfExists')).toEqual({
      text: 'ForAnyValue:StringLikeIfExists',
      base: 'StringLike',
      ifExists: true,
      qualifier: 'ForAnyValue',
    });
    expect(parseOperator('NotIpAddressIfExists')).toMatchObject({ base: 'NotIpAddress', ifExists: true });
    expect(parseOperator('ForAllValues:ArnNotLike')).toMatchObject({
      base: 'ArnNotLike',
      qualifier: 'ForAllValues',
    });
    expect(parseOperator('Null')).toMatchObject({ base: 'Null', ifExists: false });
  });
});

describe('rejections with code and location', () => {
  it('JSON_SYNTAX: a trailing comma, located at the offending token', () => {
    const text = '{\n  "Statement": [],\n}';
    const i = only(text);
    expect(i.code).toBe('JSON_SYNTAX');
    expect(i.location.path).toEqual([]);
    expect(i.location.span.start).toEqual(at(text, '}'));
  });

  it('JSON_SYNTAX: comments are not JSON', () => {
    const text = '{\n  // note\n  "Statement": []\n}';
    const i = only(text);
    expect(i.code).toBe('JSON_SYNTAX');
    expect(i.location.span.start.line).toBe(2);
    expect(i.message).toMatch(/comment/i);
  });

  it('JSON_SYNTAX: empty text', () => {
    const i = only('');
    expect(i.code).toBe('JSON_SYNTAX');
    expect(i.location.span.start).toEqual({ line: 1, column: 0, offset: 0 });
    expect(parsePolicy('').policy).toBeUndefined();
  });

  it('DATA_TYPE_MISMATCH: the document is not an object', () => {
    const i = only('[1, 2]');
    expect(i.code).toBe('DATA_TYPE_MISMATCH');
    expect(i.location.path).toEqual([]);
  });

  it('UNSUPPORTED_ELEMENT at top level, located at the member name', () => {
    const text = json({
      Version: '2012-10-17',
      Foo: 1,
      Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
    });
    const i = only(text);
    expect(i.code).toBe('UNSUPPORTED_ELEMENT');
    expect(i.location.path).toEqual([{ value: 'Foo' }]);
    expect(i.location.span.start).toEqual(at(text, '"Foo"'));
  });

  it('UNSUPPORTED_ELEMENT inside a statement', () => {
    const text = json({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Actions: 'x' }] });
    const i = only(text);
    expect(i.code).toBe('UNSUPPORTED_ELEMENT');
    expect(i.location.path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Actions' }]);
    expect(i.location.span.start).toEqual(at(text, '"Actions"'));
  });

  it('MISSING_STATEMENT, located at the document', () => {
    const i = only(json({ Version: '2012-10-17' }));
    expect(i.code).toBe('MISSING_STATEMENT');
    expect(i.location.path).toEqual([]);
    expect(i.location.span.start).toEqual({ line: 1, column: 0, offset: 0 });
  });

  it('MISSING_EFFECT, located at the statement', () => {
    const text = json({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Action: '*', Resource: '*' },
      ],
    });
    const i = only(text);
    expect(i.code).toBe('MISSING_EFFECT');
    expect(i.location.path).toEqual([{ value: 'Statement' }, { index: 1 }]);
    expect(i.location.span.start.line).toBe(at(text, '{', 2).line);
  });

  it('INVALID_EFFECT: Effect is case sensitive', () => {
    const text = json({ Statement: { Effect: 'allow', Action: '*', Resource: '*' } });
    const i = only(text);
    expect(i.code).toBe('INVALID_EFFECT');
    expect(i.location.path).toEqual([{ value: 'Statement' }, { value: 'Effect' }]);
    expect(i.location.span.start).toEqual(at(text, '"allow"'));
  });

  it('MISSING_ACTION', () => {
    const i = only(json({ Statement: { Effect: 'Allow', Resource: '*' } }));
    expect(i.code).toBe('MISSING_ACTION');
    expect(i.location.path).toEqual([{ value: 'Statement' }]);
  });

  it.each([
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
    ['Principal', 'NotPrincipal'],
  ])('MUTUALLY_EXCLUSIVE_ELEMENTS: %s with %s, located at %s', (a, b) => {
    const st: Record<string, unknown> = { Effect: 'Allow', Action: '*', Resource: '*' };
    st[a] = a === 'Principal' ? '*' : '*';
    st[b] = b === 'NotPrincipal' ? { AWS: '1' } : 'x';
    const text = json({ Statement: [st] });
    const list = issues(text);
    const i = list.find((x) => x.code === 'MUTUALLY_EXCLUSIVE_ELEMENTS');
    expect(i).toBeDefined();
    expect(i!.location.path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: b }]);
    expect(i!.location.span.start).toEqual(at(text, `"${b}"`));
  });

  it('INVALID_VERSION', () => {
    const text = json({ Version: '2012-10-18', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    const i = only(text);
    expect(i.code).toBe('INVALID_VERSION');
    expect(i.location.path).toEqual([{ value: 'Version' }]);
    expect(i.location.span.start).toEqual(at(text, '"2012-10-18"'));
  });

  it('UNSUPPORTED_PRINCIPAL_TYPE', () => {
    const text = json({ Statement: { Effect: 'Allow', Principal: { User: 'x' }, Action: '*' } });
    const i = only(text);
    expect(i.code).toBe('UNSUPPORTED_PRINCIPAL_TYPE');
    expect(i.location.path).toEqual([{ value: 'Statement' }, { value: 'Principal' }, { value: 'User' }]);
    expect(i.location.span.start).toEqual(at(text, '"User"'));
  });

  it.each([['StringEqualz'], ['NullIfExists'], ['ForSomeValues:StringEquals'], ['IfExists']])(
    'INVALID_OPERATOR: %s',
    (op) => {
      const text = json({
        Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { [op]: { k: 'v' } } },
      });
      const i = only(text);
      expect(i.code).toBe('INVALID_OPERATOR');
      expect(i.location.path).toEqual([{ value: 'Statement' }, { value: 'Condition' }, { value: op }]);
      expect(i.location.span.start).toEqual(at(text, `"${op}"`));
    },
  );

  it.each<[string, unknown, PathElement[], string]>([
    ['Action is a number', { Effect: 'Allow', Action: 5, Resource: '*' }, [{ value: 'Action' }], '5'],
    [
      'an Action entry is not a string',
      { Effect: 'Allow', Action: ['s3:*', true], Resource: '*' },
      [{ value: 'Action' }, { index: 1 }],
      'true',
    ],
    [
      'Principal is a non-* string',
      { Effect: 'Allow', Principal: 'arn:aws:iam::1:root', Action: '*' },
      [{ value: 'Principal' }],
      '"arn:aws:iam::1:root"',
    ],
    [
      'Condition is an array',
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: [] },
      [{ value: 'Condition' }],
      '[]',
    ],
    [
      'an operator holds a string',
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: 'x' } },
      [{ value: 'Condition' }, { value: 'StringEquals' }],
      '"x"',
    ],
    [
      'a condition value is an object',
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { k: { a: 1 } } } },
      [{ value: 'Condition' }, { value: 'StringEquals' }, { value: 'k' }],
      '{',
    ],
    [
      'a condition value in an array is null',
      { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { k: ['a', null] } } },
      [{ value: 'Condition' }, { value: 'StringEquals' }, { value: 'k' }, { index: 1 }],
      'null',
    ],
    ['Sid is a number', { Sid: 1, Effect: 'Allow', Action: '*', Resource: '*' }, [{ value: 'Sid' }], '1'],
  ])('DATA_TYPE_MISMATCH: %s', (_name, statement, rest, token) => {
    const text = json({ Statement: statement });
    const i = only(text);
    expect(i.code).toBe('DATA_TYPE_MISMATCH');
    expect(i.location.path).toEqual([{ value: 'Statement' }, ...rest]);
    // The located token is the first occurrence of the offending value after the last member name.
    const last = rest.filter((p): p is { value: string } => 'value' in p).pop()!;
    const from = at(text, `"${last.value}"`).offset;
    expect(i.location.span.start.offset).toBe(text.indexOf(token, from + last.value.length + 2));
  });

  it('DATA_TYPE_MISMATCH: Version is not a string', () => {
    const text = json({ Version: 2012, Statement: { Effect: 'Allow', Action: '*', Resource: '*' } });
    const i = only(text);
    expect(i.code).toBe('DATA_TYPE_MISMATCH');
    expect(i.location.path).toEqual([{ value: 'Version' }]);
    expect(i.location.span.start).toEqual(at(text, '2012'));
  });

  it('collects every issue in one pass', () => {
    const text = json({
      Version: 'x',
      Bad: 1,
      Statement: [{ Effect: 'Maybe', Action: '*', NotAction: '*' }, { Resource: '*' }],
    });
    expect(issues(text).map((i) => i.code)).toEqual([
      'INVALID_VERSION',
      'UNSUPPORTED_ELEMENT',
      'MUTUALLY_EXCLUSIVE_ELEMENTS',
      'INVALID_EFFECT',
      'MISSING_EFFECT',
      'MISSING_ACTION',
    ]);
  });

  it('parsePolicyStrict throws a PolicyParseError carrying every issue, formatted file:line:column', () => {
    const text = json({ Statement: { Effect: 'allow', Action: '*', Resource: '*' } });
    let error: unknown;
    try {
      parsePolicyStrict(text, { file: 'p.json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyParseError);
    const e = error as PolicyParseError;
    expect(e.issues.map((i) => i.code)).toEqual(['INVALID_EFFECT']);
    const pos = at(text, '"allow"');
    expect(formatIssue(e.issues[0], 'p.json')).toBe(
      `p.json:${pos.line}:${pos.column + 1}: ${e.issues[0].message} (at Statement.Effect)`,
    );
    expect(e.message).toContain(`p.json:${pos.line}:${pos.column + 1}`);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: malformed documents never throw, only return located issues.
// ---------------------------------------------------------------------------------------------

/** Checks that an issue's location is a path plus a span inside the text, consistent with it. */
function checkLocated(text: string, issue: PolicyIssue): void {
  expect(typeof issue.code).toBe('string');
  expect(typeof issue.message).toBe('string');
  expect(Array.isArray(issue.location.path)).toBe(true);
  const { start, end } = issue.location.span;
  expect(start.offset).toBeGreaterThanOrEqual(0);
  expect(end.offset).toBeLessThanOrEqual(text.length);
  expect(start.offset).toBeLessThanOrEqual(end.offset);
  for (const p of [start, end]) {
    const before = text.slice(0, p.offset);
    expect(p.line).toBe(before.split('\n').length);
    expect(p.column).toBe(p.offset - (before.lastIndexOf('\n') + 1));
  }
}

function neverThrows(text: string): void {
  let result: ReturnType<typeof parsePolicy> | undefined;
  expect(() => {
    result = parsePolicy(text, { file: 'fuzz.json' });
  }).not.toThrow();
  for (const i of result!.issues) checkLocated(text, i);
  if (result!.issues.length === 0) expect(result!.policy).toBeDefined();
}

const VALID = {
  Version: '2012-10-17',
  Id: 'P',
  Statement: [
    {
      Sid: 'A',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:root'], Service: 's3.amazonaws.com' },
      Action: ['s3:GetObject'],
      Resource: 'arn:aws:s3:::b/*',
      Condition: {
        StringEquals: { 'aws:PrincipalTag/t': ['x', 1, true] },
        Bool: { 'aws:SecureTransport': 'true' },
      },
    },
    { Effect: 'Deny', NotAction: 'iam:*', NotResource: ['*'] },
  ],
};

/** Replaces, deletes or adds a member somewhere in a JSON value, driven by random choices. */
function mutate(value: unknown, choices: number[], replacement: unknown, name: string): unknown {
  if (choices.length === 0 || value === null || typeof value !== 'object') return replacement;
  const [c, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const i = c % (value.length + 1);
    const copy = [...value];
    if (i === value.length) copy.push(replacement);
    else if (c % 7 === 0) copy.splice(i, 1);
    else copy[i] = mutate(value[i], rest, replacement, name);
    return copy;
  }
  const keys = Object.keys(value as object);
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (keys.length === 0 || c % 5 === 0) copy[name] = replacement;
  else {
    const k = keys[c % keys.length];
    if (c % 3 === 0) delete copy[k];
    else copy[k] = mutate(copy[k], rest, replacement, name);
  }
  return copy;
}

describe('parsePolicy never throws; every issue is located inside the text (property)', () => {
  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => neverThrows(JSON.stringify(v, null, 2) ?? 'null')),
      { numRuns: 500 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => neverThrows(s)),
      { numRuns: 500 },
    );
  });

  it('structural mutations of a valid policy', () => {
    const names = fc.constantFrom(
      'Version',
      'Statement',
      'Effect',
      'Action',
      'NotAction',
      'Principal',
      'NotPrincipal',
      'Condition',
      'StringLike',
      'ForAnyValue:Null',
      'AWS',
      'Junk',
    );
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.oneof(fc.jsonValue(), fc.constantFrom('*', 'Allow', 'Deny', '2008-10-17', [], {})),
        names,
        (choices, replacement, name) => {
          neverThrows(JSON.stringify(mutate(VALID, choices, replacement, name), null, 2));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('textual mutations of a valid policy (deleted or inserted characters)', () => {
    const text = JSON.stringify(VALID, null, 2);
    fc.assert(
      fc.property(
        fc.nat(text.length),
        fc.nat(12),
        fc.string({
          maxLength: 4,
          unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', ' ', '\n', 'a', '1'),
        }),
        (pos, del, insert) => neverThrows(text.slice(0, pos) + insert + text.slice(pos + del)),
      ),
      { numRuns: 1500 },
    );
  });
});
