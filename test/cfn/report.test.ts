/**
 * cfn-policy-validator's reporting rules: blocking finding types (default ERROR and
 * SECURITY_WARNING, NONE for none), --ignore-finding (code, resource name, or Resource.CODE,
 * ignoring case) and --allow-external-principals (a principal, or the account of an ARN
 * principal), findings listed errors first. Finding types:
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicyFinding.html
 */
import { describe, expect, it } from 'vitest';
import {
  classify,
  isAllowedExternal,
  isIgnored,
  type LocatedCfnFinding,
  parseBlockingTypes,
  renderCfnJson,
} from '../../src/report/cfn.js';

const span = { start: { line: 3, column: 4, offset: 20 }, end: { line: 3, column: 9, offset: 25 } };
const finding = (
  findingType: LocatedCfnFinding['findingType'],
  code: string,
  resourceName: string,
  details: unknown = {},
) =>
  ({
    findingType,
    code,
    message: `${code} message`,
    resourceName,
    policyName: 'P',
    details,
    span,
  }) as LocatedCfnFinding;

describe('blocking types', () => {
  it('defaults to ERROR and SECURITY_WARNING; NONE blocks nothing; unknown types are rejected', () => {
    expect(parseBlockingTypes(undefined)).toEqual(['ERROR', 'SECURITY_WARNING']);
    expect(parseBlockingTypes('warning, suggestion')).toEqual(['WARNING', 'SUGGESTION']);
    expect(parseBlockingTypes('ERROR,NONE')).toEqual([]);
    expect(() => parseBlockingTypes('FATAL')).toThrow(/invalid finding type "FATAL"/);
  });
});

describe('--ignore-finding', () => {
  const f = finding('ERROR', 'INVALID_ACTION', 'MyRole');
  it('matches a code, a resource name or Resource.CODE, ignoring case', () => {
    expect(isIgnored(f, ['invalid_action'])).toBe(true);
    expect(isIgnored(f, ['myrole'])).toBe(true);
    expect(isIgnored(f, ['MyRole.INVALID_ACTION'])).toBe(true);
    expect(isIgnored(f, ['OtherRole.INVALID_ACTION', 'MyRole.MISSING_VERSION', 'MISSING_VERSION'])).toBe(
      false,
    );
  });
});

describe('--allow-external-principals', () => {
  const ext = (principal: Record<string, string>) =>
    finding('SECURITY_WARNING', 'EXTERNAL_PRINCIPAL', 'Q', { principal });
  it('matches the principal, or the account of an ARN principal', () => {
    expect(isAllowedExternal(ext({ AWS: '111122223333' }), ['111122223333'])).toBe(true);
    expect(isAllowedExternal(ext({ AWS: 'arn:aws:iam::111122223333:role/r' }), ['111122223333'])).toBe(true);
    expect(
      isAllowedExternal(ext({ AWS: 'arn:aws:iam::111122223333:role/r' }), [
        'arn:aws:iam::111122223333:role/r',
      ]),
    ).toBe(true);
    expect(isAllowedExternal(ext({ AWS: 'arn:aws:iam::444455556666:role/r' }), ['111122223333'])).toBe(false);
    expect(isAllowedExternal(ext({ Federated: 'graph.facebook.com' }), ['graph.facebook.com'])).toBe(true);
    expect(isAllowedExternal(ext({ AWS: '*' }), ['*'])).toBe(true);
    expect(
      isAllowedExternal(finding('ERROR', 'INVALID_ACTION', 'Q', { principal: { AWS: '1' } }), ['1']),
    ).toBe(false);
  });
});

describe('classify and render', () => {
  it('orders errors first, then security warnings, warnings and suggestions, and prints the six fields, then the template location', () => {
    const c = classify(
      [
        finding('SUGGESTION', 'EMPTY_ARRAY_ACTION', 'A'),
        finding('SECURITY_WARNING', 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'B'),
        finding('WARNING', 'MISSING_VERSION', 'C'),
        finding('ERROR', 'INVALID_ACTION', 'D'),
      ],
      { blocking: ['ERROR', 'SECURITY_WARNING'] },
    );
    expect(c.blocking.map((f) => f.code)).toEqual(['INVALID_ACTION', 'PASS_ROLE_WITH_STAR_IN_RESOURCE']);
    expect(c.nonBlocking.map((f) => f.code)).toEqual(['MISSING_VERSION', 'EMPTY_ARRAY_ACTION']);
    const json = JSON.parse(renderCfnJson(c));
    expect(Object.keys(json)).toEqual(['BlockingFindings', 'NonBlockingFindings']);
    expect(Object.keys(json.BlockingFindings[0])).toEqual([
      'findingType',
      'code',
      'message',
      'resourceName',
      'policyName',
      'details',
      'templateLocation',
    ]);
    // Template lines and columns (1-based), named apart from Access Analyzer's details.locations.
    expect(json.BlockingFindings[0].templateLocation).toEqual({
      startLine: 3,
      startColumn: 5,
      endLine: 3,
      endColumn: 10,
    });
  });
});

describe("what blocks (issues 11 and 16): cfn-policy-validator's contract first", () => {
  const f = (code: string, extra: Partial<LocatedCfnFinding> = {}): LocatedCfnFinding => ({
    ...finding('SECURITY_WARNING', code, 'R'),
    ...extra,
  });
  const blocked = (list: LocatedCfnFinding[], options: Parameters<typeof classify>[1] = {}) =>
    classify(list, options).blocking.map((x) => x.code);
  it('a leastpriv-only LP_* code does not block unless --block-leastpriv-findings', () => {
    const list = [f('LP_PUBLIC_PRINCIPAL_WITHOUT_CONDITION'), f('EXTERNAL_PRINCIPAL')];
    expect(blocked(list)).toEqual(['EXTERNAL_PRINCIPAL']);
    expect(blocked(list, { blockLeastprivCodes: true })).toEqual([
      'LP_PUBLIC_PRINCIPAL_WITHOUT_CONDITION',
      'EXTERNAL_PRINCIPAL',
    ]);
  });
  it('a finding on a SAM-generated statement does not block unless asked', () => {
    const list = [
      f('INVALID_ACTION', { findingType: 'ERROR', origin: 'SAM policy template SQSPollerPolicy' }),
    ];
    expect(blocked(list)).toEqual([]);
    expect(blocked(list, { blockGenerated: true })).toEqual(['INVALID_ACTION']);
    expect(JSON.parse(renderCfnJson(classify(list, {}))).NonBlockingFindings[0].origin).toBe(
      'SAM policy template SQSPollerPolicy',
    );
  });
  it('UNRESOLVED findings and findings on unresolved statements block only with --strict', () => {
    const list = [
      f('UNRESOLVED', { findingType: 'WARNING', unresolved: ['{{UNRESOLVED Ref P}}'] }),
      f('EXTERNAL_PRINCIPAL', { unresolved: ['{{UNRESOLVED Ref P}}'] }),
    ];
    expect(blocked(list)).toEqual([]);
    expect(blocked(list, { strict: true })).toEqual(['EXTERNAL_PRINCIPAL', 'UNRESOLVED']);
  });
  it('--strict lifts only the unresolved demotion: a SAM-generated finding on an unresolved statement still needs --block-sam-generated', () => {
    const sam = { origin: 'SAM policy template DynamoDBReadPolicy', unresolved: ['{{UNRESOLVED Ref P}}'] };
    const list = [
      f('UNRESOLVED', { findingType: 'WARNING', ...sam }),
      f('INVALID_ACTION', { findingType: 'ERROR', ...sam }),
    ];
    expect(blocked(list)).toEqual([]);
    // the missing value is the user's to pass, whoever wrote the statement
    expect(blocked(list, { strict: true })).toEqual(['UNRESOLVED']);
    expect(blocked(list, { strict: true, blockGenerated: true })).toEqual(['INVALID_ACTION', 'UNRESOLVED']);
    expect(blocked(list, { blockGenerated: true })).toEqual([]);
  });
});
