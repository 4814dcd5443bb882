/**
 * `leastpriv validate`, run in-process through main(). Output shapes follow Access Analyzer's
 * ValidatePolicyFinding (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicyFinding.html)
 * and SARIF 2.1.0 as GitHub code scanning reads it
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/output.js';

const io = captureOutput();

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'leastpriv-validate-'));
}

function write(path: string, value: unknown): string {
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

const run = (...args: string[]) => main(['node', 'leastpriv', 'validate', ...args]);

const BAD_ACTION = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObjectt', Resource: 'arn:aws:s3:::b/*' }],
};
const ONLY_WARNING = {
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
};
const BUCKET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:Decrypt',
      Resource: 'arn:aws:s3:::b/*',
    },
  ],
};

describe('leastpriv validate: text output', () => {
  it('prints file:line:column  TYPE  CODE  message and a summary, and exits 1 on an ERROR', async () => {
    const f = write(join(dir(), 'p.json'), BAD_ACTION);
    const code = await run(f);
    expect(code).toBe(1);
    const lines = io.out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `${f}:6:17  ERROR  INVALID_ACTION  The action s3:GetObjectt does not exist. Did you mean s3:GetObject?`,
    );
    expect(lines.at(-1)).toBe(
      '1 finding (1 error, 0 security warnings, 0 warnings, 0 suggestions) in 1 file',
    );
    expect(io.out).not.toContain('\u001b[');
  });

  it('exits 0 when only warnings occur, 1 when --fail-on includes WARNING', async () => {
    const f = write(join(dir(), 'p.json'), ONLY_WARNING);
    expect(await run(f)).toBe(0);
    expect(io.out).toContain('WARNING  MISSING_VERSION');
    expect(await run(f, '--fail-on', 'WARNING')).toBe(1);
  });

  it('--ignore drops an issue code; an unknown code is a usage error (exit 2)', async () => {
    const f = write(join(dir(), 'p.json'), BAD_ACTION);
    expect(await run(f, '--ignore', 'INVALID_ACTION')).toBe(0);
    expect(io.out).toContain('0 findings');
    expect(await run(f, '--ignore', 'NO_SUCH_CODE')).toBe(2);
    expect(io.err).toContain('unknown issue code "NO_SUCH_CODE"');
  });
});

describe('leastpriv validate: json and sarif', () => {
  it('prints one entry per file in the ValidatePolicyFinding shape', async () => {
    const f = write(join(dir(), 'p.json'), BAD_ACTION);
    await run(f, '--format', 'json');
    const json = JSON.parse(io.out);
    expect(json).toHaveLength(1);
    expect(json[0].file).toBe(f);
    expect(json[0].policyType).toBe('IDENTITY_POLICY');
    const finding = json[0].findings[0];
    expect(Object.keys(finding).sort()).toEqual([
      'findingDetails',
      'findingType',
      'issueCode',
      'learnMoreLink',
      'locations',
    ]);
    expect(finding.locations[0].path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Action' }]);
    expect(finding.locations[0].span.start).toEqual({ line: 6, column: 16, offset: expect.any(Number) });
  });

  it('prints SARIF 2.1.0 with one rule per issue code and located results', async () => {
    const f = write(join(dir(), 'p.json'), BAD_ACTION);
    await run(f, '--format', 'sarif');
    const sarif = JSON.parse(io.out);
    expect(sarif.version).toBe('2.1.0');
    const runObj = sarif.runs[0];
    expect(runObj.tool.driver.name).toBe('leastpriv');
    expect(runObj.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['INVALID_ACTION']);
    expect(runObj.tool.driver.rules[0].helpUri).toContain('access-analyzer-reference-policy-checks');
    const result = runObj.results[0];
    expect(result.ruleId).toBe('INVALID_ACTION');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 6, startColumn: 17 });
  });
});

describe('leastpriv validate: inputs', () => {
  it('walks folders for *.json policy documents and notes the files it skips', async () => {
    const d = dir();
    mkdirSync(join(d, 'sub'));
    write(join(d, 'sub', 'a.json'), BAD_ACTION);
    write(join(d, 'package.json'), { name: 'x' });
    write(join(d, 'b.txt'), BAD_ACTION);
    const code = await run(d, '--format', 'json');
    expect(code).toBe(1);
    const json = JSON.parse(io.out);
    expect(json.map((r: { file: string }) => r.file)).toEqual([join(d, 'sub', 'a.json')]);
    expect(io.err).toContain(`note: skipped ${join(d, 'package.json')}: not a policy document`);
  });

  it('detects resource and trust policies when no type is given', async () => {
    const d = dir();
    const bucket = write(join(d, 'bucket.json'), BUCKET_POLICY);
    const trust = write(join(d, 'trust.json'), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    await run(bucket, trust, '--format', 'json');
    const json = JSON.parse(io.out);
    expect(json[0].policyType).toBe('RESOURCE_POLICY');
    expect(json[1]).toMatchObject({
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
    });
    expect(json[1].findings).toEqual([]);
  });

  it('applies .leastprivrc.json overrides per path (policy type, resource type, ignores)', async () => {
    const d = dir();
    mkdirSync(join(d, 'buckets'));
    write(join(d, 'buckets', 'b.json'), BUCKET_POLICY);
    const cfg = write(join(d, '.leastprivrc.json'), {
      failOn: ['ERROR'],
      overrides: [
        { files: ['buckets/*.json'], policyType: 'RESOURCE_POLICY', resourceType: 'AWS::S3::Bucket' },
      ],
    });
    await run(join(d, 'buckets', 'b.json'), '--config', cfg, '--format', 'json');
    const json = JSON.parse(io.out);
    expect(json[0]).toMatchObject({ policyType: 'RESOURCE_POLICY', resourceType: 'AWS::S3::Bucket' });
    expect(json[0].findings.map((f: { issueCode: string }) => f.issueCode)).toContain(
      'UNSUPPORTED_ACTION_IN_POLICY',
    );
  });

  it('rejects a bad configuration with a located message (exit 2)', async () => {
    const d = dir();
    const f = write(join(d, 'p.json'), BAD_ACTION);
    const cfg = write(join(d, 'rc.json'), '{\n  "failOn": ["FATAL"]\n}');
    expect(await run(f, '--config', cfg)).toBe(2);
    expect(io.err).toContain(`${cfg}:2:13: failOn: unknown finding type "FATAL"`);
  });

  it('exits 2 on unusable input: a missing file, invalid JSON, a bad --format', async () => {
    const d = dir();
    expect(await run(join(d, 'missing.json'))).toBe(2);
    expect(io.err).toContain('no such file or directory');
    const broken = write(join(d, 'broken.json'), '{"Version": "2012-10-17", "Statement": [');
    expect(await run(broken)).toBe(2);
    expect(io.out).toContain('JSON_SYNTAX_ERROR');
    expect(await run(broken, '--format', 'xml')).toBe(2);
    expect(io.err).toContain('--format must be text, json or sarif');
  });
});

describe('leastpriv validate: standard input (built CLI)', () => {
  const bin = new URL('../../bin/leastpriv.js', import.meta.url);
  const built = existsSync(new URL('../../dist/cli/main.js', import.meta.url));
  it.skipIf(!built)('reads "-" from stdin and names it <stdin>', () => {
    const r = spawnSync(process.execPath, [fileURLToPath(bin), 'validate', '-'], {
      input: JSON.stringify(BAD_ACTION, null, 2),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('<stdin>:6:17  ERROR  INVALID_ACTION');
  });
});
