// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax
/**
 * `leastpriv cfn` speed: a generated YAML template with 500 roles (trust policy, inline policy
 * with intrinsic functions, a managed policy attachment) and 200 resource policies (S3, SQS, SNS,
 * KMS), loaded, evaluated and extracted; then every policy validated when the validator exists.
 * Target: under 2 seconds for the whole.
 *
 *   node --import tsx bench/cfn.ts [--roles 500] [--resources 200]
 *
 * Then the real-world corpus (test/fixtures/cfn/corpus, 120 public templates) parsed and
 * validated end to end in ONE CLI invocation (`cfn validate --template-path DIR`, the built
 * bin/leastpriv.js: run `npm run build` first), in templates per second against
 * cfn-policy-validator's ~0.7 s per template (one Python process per template, NOTES.md).
 * Target: >= 50x. Then the start-up alone (`cfn validate --help`, CPU). `--corpus-only` skips the
 * generated template.
 */
import { performance } from 'node:perf_hooks';
import { externalAccessFindings, validateExtraction } from '../src/pipelines/cfn.js';
import { shutdownSolver } from '../src/reason/index.js';
import { loadTemplate, parseTemplate } from '../src/sources/cfn/index.js';
import { toPlain } from '../src/sources/cfn/node.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROLES = arg('--roles', 500);
const CORPUS = 'test/fixtures/cfn/corpus';
const PEER_SECONDS_PER_TEMPLATE = 0.7;

/** The corpus through the CLI, one process for all templates; each run timed (wall clock). */
async function corpus(): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  const { readdirSync, readFileSync } = await import('node:fs');
  const { loadavg, tmpdir } = await import('node:os');
  const count = ['serverless-patterns', 'aws-cloudformation-templates']
    .map((d) => readdirSync(`${CORPUS}/${d}`).filter((f) => /\.(ya?ml|json)$/.test(f)).length)
    .reduce((a, b) => a + b, 0);
  for (const [label, extra] of [
    ['validate (policy checks)', ['--skip-external-access']],
    ['validate (policy checks + external access)', []],
  ] as const) {
    const runs: number[] = [];
    const cpus: number[] = [];
    let status: number | null = null;
    const timeFile = `${tmpdir()}/lp-bench-cfn-time-${process.pid}`;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      // CPU time (user + sys) of the child, from /usr/bin/time (the machine is shared: wall
      // clock mostly measures the other jobs).
      const r = spawnSync(
        '/usr/bin/time',
        [
          '-f',
          '%U %S',
          '-o',
          timeFile,
          process.execPath,
          'bin/leastpriv.js',
          'cfn',
          'validate',
          '--template-path',
          CORPUS,
          '--region',
          'us-east-1',
          ...extra,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 28 },
      );
      runs.push(performance.now() - t0);
      const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
      cpus.push(user + sys);
      status = r.status;
      if (r.status === 1)
        console.log(
          r.stderr
            .split('\n')
            .filter((l) => /error/.test(l))
            .slice(0, 5)
            .join('\n'),
        );
    }
    const best = Math.min(...runs) / 1000;
    const cpu = Math.min(...cpus);
    console.log(
      `corpus ${label}: ${count} templates in one invocation (exit ${status}), load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n` +
        `  wall ${runs.map((r) => (r / 1000).toFixed(2)).join(' / ')} s: best ${(count / best).toFixed(1)} templates/s = ${((count * PEER_SECONDS_PER_TEMPLATE) / best).toFixed(0)}x\n` +
        `  CPU (user+sys) ${cpus.map((c) => c.toFixed(2)).join(' / ')} s: best ${(count / cpu).toFixed(1)} templates per CPU-second = ${((count * PEER_SECONDS_PER_TEMPLATE) / cpu).toFixed(0)}x cfn-policy-validator's ${PEER_SECONDS_PER_TEMPLATE} s per template`,
    );
  }
  // Start-up alone (process, module loading): the part a one-template run cannot spread.
  const timeFile = `${tmpdir()}/lp-bench-cfn-time-${process.pid}`;
  const startup: number[] = [];
  for (let i = 0; i < 3; i++) {
    spawnSync(
      '/usr/bin/time',
      ['-f', '%U %S', '-o', timeFile, process.execPath, 'bin/leastpriv.js', 'cfn', 'validate', '--help'],
      {
        encoding: 'utf8',
      },
    );
    const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    startup.push(user + sys);
  }
  console.log(`start-up (cfn validate --help): CPU ${startup.map((c) => c.toFixed(2)).join(' / ')} s`);
}
if (process.argv.includes('--corpus-only')) {
  await corpus();
  process.exit(0);
}
const RESOURCES = arg('--resources', 200);

function generate(): string {
  const out: string[] = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    '  Env: { Type: String, Default: prod }',
    'Conditions:',
    '  IsProd: !Equals [!Ref Env, prod]',
    'Resources:',
    '  Shared:',
    '    Type: AWS::IAM::ManagedPolicy',
    '    Properties:',
    "      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 'cloudwatch:PutMetricData', Resource: '*' }] }",
  ];
  const kinds = ['bucket', 'queue', 'topic', 'key'] as const;
  for (let i = 0; i < RESOURCES; i++) {
    const kind = kinds[i % kinds.length];
    // One resource policy in twenty also grants a partner account (external access to analyse).
    const principal =
      i % 20 === 0
        ? `{ AWS: [!GetAtt Role${i % ROLES}.Arn, '111122223333'] }`
        : `{ AWS: !GetAtt Role${i % ROLES}.Arn }`;
    if (kind === 'bucket') {
      out.push(
        `  Bucket${i}:`,
        '    Type: AWS::S3::Bucket',
        `    Properties: { BucketName: !Sub 'data-\${AWS::AccountId}-${i}' }`,
      );
      out.push(
        `  BucketPolicy${i}:`,
        '    Type: AWS::S3::BucketPolicy',
        '    Properties:',
        `      Bucket: !Ref Bucket${i}`,
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        `          - { Effect: Allow, Principal: ${principal}, Action: ['s3:GetObject', 's3:PutObject'], Resource: !Sub '\${Bucket${i}.Arn}/*' }`,
        `          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: [!GetAtt Bucket${i}.Arn, !Sub '\${Bucket${i}.Arn}/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }`,
      );
    } else if (kind === 'queue') {
      out.push(`  Queue${i}:`, '    Type: AWS::SQS::Queue');
      out.push(
        `  QueuePolicy${i}:`,
        '    Type: AWS::SQS::QueuePolicy',
        '    Properties:',
        `      Queues: [!Ref Queue${i}]`,
        `      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: ${principal}, Action: 'sqs:SendMessage', Resource: !GetAtt Queue${i}.Arn }] }`,
      );
    } else if (kind === 'topic') {
      out.push(`  Topic${i}:`, '    Type: AWS::SNS::Topic');
      out.push(
        `  TopicPolicy${i}:`,
        '    Type: AWS::SNS::TopicPolicy',
        '    Properties:',
        `      Topics: [!Ref Topic${i}]`,
        `      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: events.amazonaws.com }, Action: 'sns:Publish', Resource: !Ref Topic${i} }] }`,
      );
    } else {
      out.push(
        `  Key${i}:`,
        '    Type: AWS::KMS::Key',
        '    Properties:',
        '      KeyPolicy:',
        "        Version: '2012-10-17'",
        '        Statement:',
        "          - { Effect: Allow, Principal: { AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }",
        `          - { Effect: Allow, Principal: ${principal}, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*' }`,
      );
    }
  }
  for (let i = 0; i < ROLES; i++) {
    out.push(
      `  Role${i}:`,
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      RoleName: !Sub '\${AWS::StackName}-role-${i}'`,
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      "        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: 'sts:AssumeRole' }]",
      '      ManagedPolicyArns: [!Ref Shared]',
      '      Policies:',
      `        - PolicyName: role-${i}`,
      '          PolicyDocument:',
      "            Version: '2012-10-17'",
      '            Statement:',
      `              - Sid: Read${i}`,
      '                Effect: Allow',
      "                Action: ['s3:GetObject', 's3:PutObject']",
      `                Resource: !If [IsProd, !Sub 'arn:\${AWS::Partition}:s3:::data-\${AWS::AccountId}-${i}/*', '*']`,
      '              - Effect: Allow',
      "                Action: ['dynamodb:Query', 'dynamodb:GetItem']",
      `                Resource: !Sub 'arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/orders-${i}'`,
      '              - Effect: Allow',
      "                Action: 'logs:PutLogEvents'",
      `                Resource: !Join ['', ['arn:', !Ref AWS::Partition, ':logs:', !Ref AWS::Region, ':', !Ref AWS::AccountId, ':log-group:/app/${i}:log-stream:*']]`,
    );
  }
  return `${out.join('\n')}\n`;
}

const yamlText = generate();
if (process.env.CFN_DUMP) {
  (await import('node:fs')).writeFileSync(process.env.CFN_DUMP, yamlText);
  process.exit(0);
}
// The same template in JSON (long-form intrinsics), as CDK and most generators emit it.
const jsonText = JSON.stringify(toPlain(loadTemplate(yamlText, 'bench.yaml')), null, 2);

/** Wall-clock and CPU (user + system of this process) milliseconds of a step. */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}
const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (cpu ${t.cpu.toFixed(0)} ms)`;

const parsed = [];
for (const [label, text, file] of [
  ['JSON', jsonText, 'bench.json'],
  ['YAML', yamlText, 'bench.yaml'],
] as const) {
  const t = await timed(() => parseTemplate(text, { file, region: 'us-east-1' }));
  const r = t.value;
  console.log(
    `${label} ${(text.length / 1024).toFixed(0)} KiB: ${r.output.Roles.length} roles, ${r.output.Resources.length} resource policies, ${r.policies.length} policies; load + evaluate + extract ${fmt(t)}`,
  );
  parsed.push(t);
}
const parse = parsed[0];
const x = parse.value;
const validation = await timed(() => validateExtraction(x));
console.log(
  `validate ${x.policies.length} policies: ${fmt(validation)} (${validation.value.length} findings)`,
);
const external = await timed(async () => {
  const found = await externalAccessFindings(x);
  await shutdownSolver();
  return found;
});
console.log(
  `external-access analysis of trust and resource policies: ${fmt(external)} (${external.value.length} findings)`,
);
const sum = (...ts: Array<{ wall: number; cpu: number }>) => ({
  wall: ts.reduce((a, t) => a + t.wall, 0),
  cpu: ts.reduce((a, t) => a + t.cpu, 0),
});
console.log(`JSON template parsed and validated: ${fmt(sum(parse, validation))} (target < 2000 ms)`);
console.log(`... and its external access analysed: ${fmt(sum(parse, validation, external))}`);
await corpus();
