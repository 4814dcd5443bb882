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
  it('orders errors first, then security warnings, warnings and suggestions, and prints the six fields', () => {
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
    ]);
  });
});
