// .leastprivrc.json parsing (schema: docs/config-schema.json) and report rendering details.
import { describe, expect, it } from 'vitest';
import { renderSarif, renderText } from '../../src/report/findings.js';
import { ConfigError, compilePathGlob, parseConfig, settingsFor } from '../../src/validate/config.js';
import { validatePolicyText } from '../../src/validate/index.js';

describe('.leastprivrc.json', () => {
  it('reads failOn, ignore and overrides; later overrides win and ignores add up', () => {
    const c = parseConfig(
      JSON.stringify({
        failOn: 'ERROR',
        ignore: ['MISSING_VERSION'],
        overrides: [
          {
            files: 'buckets/**',
            policyType: 'RESOURCE_POLICY',
            resourceType: 'AWS::S3::Bucket',
            ignore: 'REDUNDANT_ACTION',
          },
          { files: ['**/trust-*.json'], resourceType: 'AWS::IAM::AssumeRolePolicyDocument' },
        ],
      }),
      'rc.json',
    );
    expect(c.failOn).toEqual(['ERROR']);
    expect(settingsFor(c, 'buckets/a/b.json')).toEqual({
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::S3::Bucket',
      ignore: ['MISSING_VERSION', 'REDUNDANT_ACTION'],
    });
    expect(settingsFor(c, 'buckets/trust-x.json').resourceType).toBe('AWS::IAM::AssumeRolePolicyDocument');
    expect(settingsFor(c, 'other/p.json')).toEqual({
      policyType: undefined,
      resourceType: undefined,
      ignore: ['MISSING_VERSION'],
    });
  });

  it('rejects unknown properties and bad values with file:line:column', () => {
    expect(() => parseConfig('{\n  "failon": []\n}', 'rc.json')).toThrow(
      new ConfigError(
        'rc.json:2:3: unknown property "failon" (use failOn, ignore, policyType, resourceType, overrides)',
      ),
    );
    expect(() => parseConfig('{"policyType": "USER_POLICY"}', 'rc.json')).toThrow(
      /rc\.json:1:16: policyType must be one of/,
    );
    expect(() => parseConfig('{"overrides": [{"policyType": "IDENTITY_POLICY"}]}', 'rc.json')).toThrow(
      /needs "files"/,
    );
    expect(() => parseConfig('{', 'rc.json')).toThrow(ConfigError);
  });

  it('matches path globs: ** across folders, * within a name, bare names anywhere', () => {
    expect(compilePathGlob('a/**/*.json').test('a/b/c/d.json')).toBe(true);
    expect(compilePathGlob('a/**/*.json').test('a/d.json')).toBe(true);
    expect(compilePathGlob('a/*.json').test('a/b/d.json')).toBe(false);
    expect(compilePathGlob('trust.json').test('x/y/trust.json')).toBe(true);
    expect(compilePathGlob('trust.json').test('x/y/notrust.json')).toBe(false);
  });
});

describe('text report', () => {
  it('colors finding types only when asked (on a TTY) and keeps the column 1-based', () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}';
    const findings = validatePolicyText(text, { policyType: 'IDENTITY_POLICY' });
    const plain = renderText([{ file: 'p.json', policyType: 'IDENTITY_POLICY', findings }]);
    expect(plain.split('\n')[0]).toBe(
      'p.json:1:1  WARNING  MISSING_VERSION  We recommend that you specify the Version element to help you with debugging permission issues.',
    );
    const colored = renderText([{ file: 'p.json', policyType: 'IDENTITY_POLICY', findings }], {
      color: true,
    });
    expect(colored).toContain('\u001b[33mWARNING\u001b[0m');
  });
});

describe('SARIF report', () => {
  it('writes files below the base folder as relative URIs', () => {
    const findings = validatePolicyText('{"Statement":[]}', { policyType: 'IDENTITY_POLICY' });
    const sarif = JSON.parse(
      renderSarif([{ file: '/repo/policies/p.json', policyType: 'IDENTITY_POLICY', findings }], {
        toolVersion: '0',
        rules: [],
        baseDir: '/repo',
      }),
    );
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'policies/p.json',
    );
  });
});
