/**
 * `leastpriv baseline` end to end: emit (validated by `cfn validate`, exit 0), audit of the
 * emitted template (no FAIL), audit of the seed's own templates, snapshot audits, formats and exit
 * codes (0 no FAIL, 1 a FAIL, 2 unusable input).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/output.js';
import { FIXTURES } from './helpers.js';

const io = captureOutput();
const run = (...args: string[]) => main(['node', 'leastpriv', ...args]);
const dir = mkdtempSync(join(tmpdir(), 'baseline-cli-'));
const EMITTED = join(dir, 'hydrate.yaml');

describe('baseline emit --profile hydrate', () => {
  let text = '';
  it('exits 0 and prints the template (validated before printing)', async () => {
    const code = await run(
      'baseline',
      'emit',
      '--profile',
      'hydrate',
      '--email',
      'ops@example.com',
      '--budget',
      '25',
      '--tags',
      'org=acme,stage=prod',
      '--alias',
      'acme-prod-main',
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    text = io.out;
    writeFileSync(EMITTED, text);
  }, 120_000);

  it('prints a commented YAML template with the parameters', () => {
    expect(text).toMatch(/^# leastpriv baseline emit --profile hydrate/);
    expect(text).toContain('AWSTemplateFormatVersion: "2010-09-09"');
    expect(text).toContain('Default: "ops@example.com"');
    expect(text).toContain('Default: 25');
    expect(text).toContain('Default: "acme"');
    expect(text).toContain('AccountAlias: "acme-prod-main"');
  });

  it('passes leastpriv cfn validate (exit 0)', async () => {
    io.out = '';
    const code = await run('cfn', 'validate', '--template-path', EMITTED, '--region', 'us-east-1');
    expect(JSON.parse(io.out).BlockingFindings).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);

  it('audits with no FAIL (exit 0), and what a template cannot show is UNKNOWN', async () => {
    io.out = '';
    const code = await run('baseline', 'audit', '--template', EMITTED, '--format', 'json');
    const r = JSON.parse(io.out);
    expect(r.results.filter((x: { status: string }) => x.status === 'FAIL')).toEqual([]);
    const status = (id: string) => r.results.find((x: { id: string }) => x.id === id).status;
    for (const id of [
      'HYD-PASSWORD-POLICY',
      'HYD-S3-BPA',
      'HYD-TRAIL',
      'HYD-ALARM-IAM',
      'HYD-ALARM-ROOT',
      'HYD-ALARM-BUDGET',
      'HYD-ALARM-GUARDDUTY',
      'HYD-ROLE-OPERATOR',
      'HYD-ROLE-MFA',
      'HYD-ACCOUNT-ALIAS',
      'HYD-TAGS',
      'CIS-CT-KMS',
      'CIS-CW-14',
    ]) {
      expect(status(id), id).toBe('PASS');
    }
    for (const id of ['HYD-ROOT-MFA', 'HYD-USER-MFA', 'HYD-SNS-TOPIC', 'CIS-CT-CWLOGS'])
      expect(status(id), id).toBe('UNKNOWN');
    expect(r.results.find((x: { id: string }) => x.id === 'HYD-ROOT-MFA').message).toMatch(
      /^a template cannot show this/,
    );
    expect(code).toBe(0);
  }, 120_000);

  it('cites template resources and lines as evidence', async () => {
    io.out = '';
    await run('baseline', 'audit', '--template', EMITTED, '--format', 'json', '--only', 'HYD-TRAIL');
    const ev = JSON.parse(io.out).results[0].evidence[0];
    expect(ev.file).toBe(EMITTED);
    expect(ev.path).toBe('Resources.Trail');
    expect(text.split('\n')[ev.line - 1]).toMatch(/^ {2}Trail:/);
  }, 60_000);

  it('examples/baseline/hydrate.yaml (shown in the README) is what emit prints', async () => {
    io.out = '';
    await run(
      'baseline',
      'emit',
      '--profile',
      'hydrate',
      '--email',
      'alerts@example.com',
      '--alias',
      'acme-prod-main',
      '--tags',
      'org=acme,project=platform,stack=main,stage=prod',
    );
    expect(io.out).toBe(readFileSync('examples/baseline/hydrate.yaml', 'utf8'));
  }, 120_000);

  it('rejects unusable options with exit 2', async () => {
    expect(await run('baseline', 'emit', '--profile', 'landing-zone')).toBe(2);
    expect(io.err).toContain('unknown profile "landing-zone"');
    expect(await run('baseline', 'emit', '--profile', 'hydrate', '--email', 'not-an-address')).toBe(2);
    expect(await run('baseline', 'emit', '--profile', 'hydrate', '--tags', 'owner=me')).toBe(2);
    expect(await run('baseline', 'emit', '--profile', 'hydrate', '--alias', 'Has_Upper')).toBe(2);
    expect(await run('baseline', 'emit', '--profile', 'hydrate', '--budget', 'ten')).toBe(2);
  });
});

describe('baseline audit --template on the seed templates (frickjack/misc-stuff accountSetup)', () => {
  it('iamSetup.json: groups map to their roles with MFA; the rest of the plan is in other stacks (FAIL, exit 1)', async () => {
    io.out = '';
    const code = await run(
      'baseline',
      'audit',
      '--template',
      `${FIXTURES}/frickjack/iamSetup.json`,
      '--format',
      'json',
    );
    const r = JSON.parse(io.out);
    const of = (id: string) =>
      r.results.filter((x: { id: string }) => x.id === id).map((x: { status: string }) => x.status);
    expect(of('HYD-GROUPS-ROLES')).toEqual(['PASS', 'PASS', 'PASS']);
    // AWSCloudTrailFullAccess (attached to the admin role) is not a bundled managed policy any more:
    // it might allow sts:AssumeRole, so MFA-only cannot be proved.
    expect(of('HYD-ROLE-MFA')).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
    expect(r.results.find((x: { id: string }) => x.id === 'HYD-ROLE-MFA').message).toContain(
      'AWSCloudTrailFullAccess',
    );
    expect(of('HYD-TRAIL')).toEqual(['FAIL']);
    expect(code).toBe(1);
    expect(r.results.find((x: { id: string }) => x.id === 'HYD-ROLE-ADMIN').status).toBe('UNKNOWN');
  }, 120_000);
  it('cloudTrail.json: the seed trail logs write-only management events (CIS 3.1 FAIL, HYD-TRAIL PASS)', async () => {
    io.out = '';
    await run(
      'baseline',
      'audit',
      '--template',
      `${FIXTURES}/frickjack/cloudTrail.json`,
      '--parameters',
      'bucketName=trail-logs',
      '--format',
      'json',
      '--only',
      'HYD-TRAIL,CIS-CT-MULTIREGION,HYD-TAGS',
    );
    const r = JSON.parse(io.out);
    expect(r.results.map((x: { id: string; status: string }) => `${x.id} ${x.status}`)).toEqual([
      'HYD-TRAIL PASS',
      'CIS-CT-MULTIREGION FAIL',
      'HYD-TAGS PASS',
    ]);
  }, 60_000);
});

describe('baseline audit --snapshot', () => {
  it('the fresh account: text output, FAILs, exit 1', async () => {
    io.out = '';
    const code = await run(
      'baseline',
      'audit',
      '--snapshot',
      `${FIXTURES}/fresh`,
      '--now',
      '2026-12-04T07:00:00Z',
    );
    expect(io.out).toContain('FAIL    HYD-ROOT-MFA (CIS 1.13/1.5/1.5): the root user has no MFA device');
    expect(io.out).toMatch(
      /at .*fresh\/iam-get-account-summary\.json \$\.SummaryMap\.AccountMFAEnabled = 0 \(aws iam get-account-summary\)/,
    );
    expect(io.out).toMatch(/\n\d+ PASS, \d+ FAIL, \d+ UNKNOWN\n$/);
    expect(code).toBe(1);
  }, 60_000);

  it('exit 0 when nothing fails', async () => {
    expect(
      await run(
        'baseline',
        'audit',
        '--snapshot',
        `${FIXTURES}/seed`,
        '--only',
        'HYD-ROOT-MFA,HYD-S3-BPA',
        '--now',
        '2026-12-04T07:00:00Z',
      ),
    ).toBe(0);
  });

  it('sarif: one rule per control, FAIL results as errors with the evidence file', async () => {
    io.out = '';
    await run(
      'baseline',
      'audit',
      '--snapshot',
      `${FIXTURES}/fresh`,
      '--format',
      'sarif',
      '--now',
      '2026-12-04T07:00:00Z',
    );
    const s = JSON.parse(io.out);
    expect(s.version).toBe('2.1.0');
    const run0 = s.runs[0];
    expect(run0.tool.driver.rules.length).toBeGreaterThan(50);
    const r = run0.results.find((x: { ruleId: string }) => x.ruleId === 'HYD-S3-BPA');
    expect(r.level).toBe('error');
    expect(run0.tool.driver.rules[r.ruleIndex].id).toBe('HYD-S3-BPA');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(
      /fresh\/s3control-get-public-access-block\.json$/,
    );
    expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toBe('$.Error.Code');
  }, 60_000);

  it('unusable input and usage: exit 2 with a message', async () => {
    expect(await run('baseline', 'audit')).toBe(2);
    expect(io.err).toContain('give exactly one of --snapshot PATH or --template FILE');
    expect(await run('baseline', 'audit', '--snapshot', `${FIXTURES}/fresh`, '--format', 'xml')).toBe(2);
    expect(await run('baseline', 'audit', '--snapshot', `${FIXTURES}/fresh`, '--only', 'NOPE')).toBe(2);
    expect(await run('baseline', 'audit', '--snapshot', `${FIXTURES}/fresh`, '--now', 'yesterday')).toBe(2);
    expect(await run('baseline', 'audit', '--snapshot', join(dir, 'missing'))).toBe(2);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'Resources:\n  X: [1, 2\n');
    io.err = '';
    expect(await run('baseline', 'audit', '--template', bad)).toBe(2);
    expect(io.err).toMatch(/bad\.yaml:\d+:\d+/);
    expect(io.err).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('controls lists every control with its CIS ids', async () => {
    io.out = '';
    expect(await run('baseline', 'controls')).toBe(0);
    expect(io.out).toMatch(/^HYD-ROOT-MFA {11}CIS 1\.13\/1\.5\/1\.5/);
    expect(io.out.trim().split('\n')).toHaveLength(56);
  });
});
