/**
 * The reasoning commands end to end: JSON output shape of AWS's custom policy checks
 * (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html:
 * result, message, reasons[] with description/statementIndex/statementId) plus the replayed
 * counterexample; exit codes 0 PASS / no findings, 1 FAIL / findings, 2 unusable input, 3 UNKNOWN
 * (the lead's exit-code table; issue 16: --timeout covers the whole check).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/output.js';

const io = captureOutput();

const fx = (name: string) => fileURLToPath(new URL(`../fixtures/reason/${name}`, import.meta.url));
const run = (...args: string[]) => main(['node', 'leastpriv', ...args]);

/** Generated policies (written once per run): many statements, each naming its own resource. */
const tmp = mkdtempSync(join(tmpdir(), 'leastpriv-reason-'));
function generated(name: string, statements: number, principal: boolean): string {
  const path = join(tmp, name);
  const Statement = Array.from({ length: statements }, (_, i) => ({
    Effect: 'Allow',
    ...(principal ? { Principal: { AWS: '111122223333' } } : {}),
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::bucket-${i}/key`,
  }));
  writeFileSync(path, JSON.stringify({ Version: '2012-10-17', Statement }));
  return path;
}
const big = generated('big.json', 3000, true);
const huge = generated('huge.json', 6001, false);

describe('leastpriv reasoning commands', () => {
  it('check-no-public-access --format json: FAIL, exit 1, AWS result shape plus counterexample', async () => {
    const code = await run(
      'check-no-public-access',
      '--policy',
      fx('public-bucket.json'),
      '--resource-type',
      'AWS::S3::Bucket',
      '--format',
      'json',
    );
    expect(code).toBe(1);
    const r = JSON.parse(io.out);
    expect(r.result).toBe('FAIL');
    expect(typeof r.message).toBe('string');
    expect(r.reasons).toEqual([
      { description: expect.any(String), statementIndex: 0, statementId: 'PublicRead' },
    ]);
    expect(r.counterexample.decision).toBe('Allowed');
    expect(r.counterexample.request.action).toBe('s3:GetObject');
  }, 60000);

  it('check-access-not-granted: PASS in text, exit 0', async () => {
    const code = await run(
      'check-access-not-granted',
      '--policy',
      fx('public-bucket.json'),
      '--access',
      fx('not-granted-access.json'),
      '--policy-type',
      'RESOURCE_POLICY',
    );
    expect(code).toBe(0);
    expect(io.out).toMatch(/^check-access-not-granted: PASS/);
  }, 60000);

  it('analyze: findings exit 1 and name the external account', async () => {
    const code = await run(
      'analyze',
      '--policy',
      fx('sqs-queue-policy.json'),
      '--zone-of-trust',
      'account:123456789012',
      '--format',
      'json',
    );
    expect(code).toBe(1);
    expect(JSON.parse(io.out).findings[0].principal).toEqual({ AWS: '111122223333' });
  }, 60000);

  it('a bad ACCESS file is a located error, exit 2', async () => {
    const code = await run(
      'check-access-not-granted',
      '--policy',
      fx('public-bucket.json'),
      '--access',
      fx('bad-access.json'),
      '--policy-type',
      'IDENTITY_POLICY',
    );
    expect(code).toBe(2);
    expect(io.err).toMatch(/bad-access\.json:2:\d+: "actions" must be an array of strings/);
    expect(io.out).toBe('');
  });

  it('an unreadable policy is an error naming the file, exit 2', async () => {
    const code = await run(
      'check-no-public-access',
      '--policy',
      fx('missing.json'),
      '--resource-type',
      'AWS::S3::Bucket',
    );
    expect(code).toBe(2);
    expect(io.err).toMatch(/missing\.json: no such file or directory/);
  });

  it('a bad --policy-type or --zone-of-trust is a usage error, exit 2', async () => {
    expect(
      await run(
        'check-no-new-access',
        '--new-policy',
        fx('public-bucket.json'),
        '--existing-policy',
        fx('public-bucket.json'),
        '--policy-type',
        'NOPE',
      ),
    ).toBe(2);
    expect(io.err).toMatch(/--policy-type must be IDENTITY_POLICY, /);
    expect(await run('analyze', '--policy', fx('public-bucket.json'), '--zone-of-trust', 'acct:1')).toBe(2);
    expect(io.err).toMatch(/--zone-of-trust must be/);
  });

  it('UNKNOWN exits 3: a time limit that runs out while compiling ends the whole check, not only the solver', async () => {
    const code = await run(
      'check-no-new-access',
      '--new-policy',
      big,
      '--existing-policy',
      fx('public-bucket.json'),
      '--policy-type',
      'RESOURCE_POLICY',
      '--timeout',
      '1',
    );
    expect(code).toBe(3);
    expect(io.out).toMatch(/^check-no-new-access: UNKNOWN/);
    expect(io.out).toMatch(/the time limit of 1 ms ran out while/);
    expect(io.out).toMatch(/This is not a PASS/);
  }, 60000);

  it('the time limit covers reading and parsing the policies too: UNKNOWN, exit 3, naming the file', async () => {
    // 5 MB to read and parse takes well over 1 ms on any machine.
    const large = generated('large.json', 40_000, false);
    for (const args of [
      [
        'check-no-new-access',
        '--new-policy',
        large,
        '--existing-policy',
        large,
        '--policy-type',
        'IDENTITY_POLICY',
      ],
      ['check-no-public-access', '--policy', large, '--resource-type', 'AWS::S3::Bucket'],
      [
        'analyze',
        '--policy',
        large,
        '--resource-type',
        'AWS::S3::Bucket',
        '--zone-of-trust',
        'account:111122223333',
      ],
    ]) {
      io.out = '';
      io.err = '';
      const started = performance.now();
      expect(await run(...args, '--timeout', '1')).toBe(3);
      expect(io.out).toContain(`the time limit of 1 ms ran out while reading ${large}`);
      expect(io.out).toMatch(/not a PASS|UNKNOWN/);
      expect(io.err).toBe('');
      // it stops where the limit ran out instead of compiling 40,000 statements first
      expect(performance.now() - started).toBeLessThan(5000);
    }
    io.out = '';
    expect(
      await run(
        'check-no-new-access',
        '--new-policy',
        large,
        '--existing-policy',
        large,
        '--policy-type',
        'IDENTITY_POLICY',
        '--timeout',
        '1',
        '--format',
        'json',
      ),
    ).toBe(3);
    const json = JSON.parse(io.out);
    expect(json.result).toBe('UNKNOWN');
    expect(json.unknown.policies).toEqual([large, large]);
    expect(json.unknown.query).toMatch(/^check-no-new-access: exists request/);
  }, 60000);

  it('an input too large to decide says so at once, in plain words, exit 3', async () => {
    const code = await run(
      'check-no-new-access',
      '--new-policy',
      huge,
      '--existing-policy',
      huge,
      '--policy-type',
      'IDENTITY_POLICY',
      '--format',
      'json',
    );
    expect(code).toBe(3);
    const r = JSON.parse(io.out);
    expect(r.result).toBe('UNKNOWN');
    expect(r.unknown.reason).toBe('6,001 distinct resources to tell apart; the limit is 5,000');
    expect(r.unknown.policies).toEqual([huge, huge]);
  }, 60000);

  it('--help lists the exit codes, UNKNOWN as 3', async () => {
    for (const command of [
      'check-no-new-access',
      'check-access-not-granted',
      'check-no-public-access',
      'analyze',
    ]) {
      expect(await run(command, '--help')).toBe(0);
      expect(io.out).toMatch(
        /3 {2}UNKNOWN: not decided \(time limit reached, input too large to decide, solver failure\)/,
      );
      expect(io.out).toMatch(/time limit for the whole check/);
    }
  });
});

describe('policy sets on the command line (--scenario, --identity, --boundary, --scp, --rcp)', () => {
  const examples = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
  const write = (name: string, value: unknown) => {
    const path = join(tmp, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return path;
  };
  const access = write('no-iam.json', { actions: ['iam:CreateUser'] });
  const admin = write('admin.json', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  });
  const s3Only = write('s3-only.json', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
  });

  it('--identity with --boundary: the boundary blocks the identity allow, PASS exit 0; without it FAIL exit 1', async () => {
    const role = 'arn:aws:iam::111122223333:role/operator';
    expect(
      await run(
        'check-access-not-granted',
        '--identity',
        admin,
        '--boundary',
        s3Only,
        '--access',
        access,
        '--principal',
        role,
      ),
    ).toBe(0);
    expect(io.out).toContain('check-access-not-granted: PASS');
    io.out = '';
    expect(
      await run(
        'check-access-not-granted',
        '--identity',
        admin,
        '--access',
        access,
        '--principal',
        role,
        '--format',
        'json',
      ),
    ).toBe(1);
    const r = JSON.parse(io.out);
    expect(r.counterexample.request.principal).toBe(role);
    expect(r.counterexample.resourceAccount).toBe('111122223333');
  }, 60000);

  it('--policy-type RESOURCE_CONTROL_POLICY is accepted (RCPs only deny, only for the services that support them)', async () => {
    const rcp = write('rcp.json', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: '*', Action: ['s3:DeleteBucket', 'iam:CreateUser'], Resource: '*' },
      ],
    });
    const deleteBucket = write('no-delete-bucket.json', { actions: ['s3:DeleteBucket'] });
    const args = ['--policy', rcp, '--policy-type', 'RESOURCE_CONTROL_POLICY'];
    expect(await run('check-access-not-granted', ...args, '--access', deleteBucket)).toBe(0);
    // IAM does not support RCPs: the deny has no effect there.
    expect(await run('check-access-not-granted', ...args, '--access', access)).toBe(1);
  }, 60000);

  it('--rcp with check-no-public-access: the set guards the bucket policy', async () => {
    const bucket = write('bucket.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    const rcp = write('rcp-s3.json', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
    });
    // Only service-linked roles (outside RCPs) remain: still FAIL, and the counterexample says who.
    expect(
      await run(
        'check-no-public-access',
        '--policy',
        bucket,
        '--rcp',
        rcp,
        '--resource-type',
        'AWS::S3::Bucket',
      ),
    ).toBe(1);
    expect(io.out).toMatch(/AWSServiceRoleFor|aws-service-role/);
  }, 60000);

  it('unusable input: a set with a request, a bad --principal, --principal without a set, no resource policy (exit 2)', async () => {
    const withRequest = write('with-request.json', {
      request: { principal: 'arn:aws:iam::111122223333:role/x', action: 's3:GetObject', resource: '*' },
      policies: {},
    });
    expect(await run('check-access-not-granted', '--scenario', withRequest, '--access', access)).toBe(2);
    expect(io.err).toContain('A policy set holds no "request": a proof searches every request');
    expect(io.err).toMatch(/with-request\.json:2:3/);
    io.err = '';
    expect(
      await run(
        'check-access-not-granted',
        '--scenario',
        examples('policies/operator-set.json'),
        '--access',
        access,
        '--principal',
        'operator',
      ),
    ).toBe(2);
    expect(io.err).toContain('--principal: "operator" is not an IAM user or role ARN');
    io.err = '';
    expect(
      await run(
        'check-access-not-granted',
        '--policy',
        admin,
        '--policy-type',
        'IDENTITY_POLICY',
        '--access',
        access,
        '--principal',
        '111122223333',
      ),
    ).toBe(2);
    expect(io.err).toContain('--principal needs a policy set');
    io.err = '';
    expect(await run('check-access-not-granted', '--access', access)).toBe(2);
    expect(io.err).toContain("required option '--policy <file>' not specified");
    io.err = '';
    expect(
      await run(
        'check-no-public-access',
        '--scenario',
        examples('policies/operator-set.json'),
        '--resource-type',
        'AWS::S3::Bucket',
      ),
    ).toBe(2);
    expect(io.err).toContain('the policy set has no resource policy');
    io.err = '';
    expect(
      await run(
        'check-no-public-access',
        '--policy',
        admin,
        '--rcp',
        admin,
        '--resource-type',
        'AWS::S3::Bucket',
        '--principal',
        '111122223333',
      ),
    ).toBe(2);
    expect(io.err).toContain('--principal does not apply to check-no-public-access');
  }, 60000);
});

describe('policy sets: check-no-new-access and check-no-public-access read the same scenario file', () => {
  const write = (name: string, value: unknown) => {
    const path = join(tmp, name);
    writeFileSync(path, JSON.stringify(value, null, 2));
    return path;
  };
  const doc = (Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

  it('check-no-new-access --scenario: the new identity policy stays inside the SCP, PASS; outside the set FAIL', async () => {
    const scenario = write('scp-set.json', {
      resourceAccount: '111122223333',
      policies: {
        scps: [[{ name: 'S3Only', document: doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) }]],
      },
    });
    const oldP = write('old.json', doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]));
    const newP = write(
      'new.json',
      doc([{ Effect: 'Allow', Action: ['s3:GetObject', 'iam:*'], Resource: '*' }]),
    );
    const args = ['--new-policy', newP, '--existing-policy', oldP, '--policy-type', 'IDENTITY_POLICY'];
    const role = 'arn:aws:iam::111122223333:role/app';
    expect(await run('check-no-new-access', ...args, '--scenario', scenario, '--principal', role)).toBe(0);
    expect(io.out).toContain('The modified policy set grants no new access');
    io.out = '';
    expect(await run('check-no-new-access', ...args)).toBe(1);
  }, 60000);

  it("check-no-public-access --scenario without --policy checks the set's resource policy under its RCPs", async () => {
    const scenario = write('bucket-set.json', {
      resourceAccount: '111122223333',
      policies: {
        resource: {
          name: 'bucket',
          document: doc([
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::b/*',
              Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } },
            },
          ]),
        },
      },
    });
    expect(
      await run('check-no-public-access', '--scenario', scenario, '--resource-type', 'AWS::S3::Bucket'),
    ).toBe(0);
  }, 60000);

  it('analyze --scenario: findings with effective access under the RCPs, the exit code follows it', async () => {
    const scenario = fileURLToPath(
      new URL('../../examples/policies/partner-bucket-set.json', import.meta.url),
    );
    const args = [
      'analyze',
      '--scenario',
      scenario,
      '--resource-type',
      'AWS::S3::Bucket',
      '--zone-of-trust',
      'account:111122223333',
      '--zone-of-trust',
      'org:o-exampleorg1',
      '--format',
      'json',
    ];
    expect(await run(...args)).toBe(1);
    const out = JSON.parse(io.out);
    expect(out.effective.result).toBe('ALLOWED');
    const partner = out.findings.find((f: { statementId?: string }) => f.statementId === 'PartnerReads');
    expect(partner.resourceControlPolicyRestriction).toBe('APPLICABLE');
    expect(partner.effective).toEqual({ result: 'BLOCKED' });
    io.out = '';
    expect(await run(...args, '--principal', 'arn:aws:iam::444455556666:role/report-*')).toBe(0);
    expect(JSON.parse(io.out).effective).toEqual({ result: 'BLOCKED' });
  }, 60000);

  it('--principal: a pattern that is not a user or role ARN is unusable input, exit 2', async () => {
    const scenario = fileURLToPath(
      new URL('../../examples/policies/partner-bucket-set.json', import.meta.url),
    );
    const code = await run(
      'analyze',
      '--scenario',
      scenario,
      '--zone-of-trust',
      'account:111122223333',
      '--principal',
      'arn:aws:s3:::bucket*',
    );
    expect(code).toBe(2);
    expect(io.err).toMatch(/--principal: "arn:aws:s3:::bucket\*" is not an IAM user or role ARN or pattern/);
  });
});
