// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax
/**
 * Issue 11's cases, each seen on public templates: what CloudFormation deploys must not abort the
 * policy checks, and values the real tool derives must come out the same.
 * Fn::GetAtt: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html
 * Parameters: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 * SAM policy templates: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html
 * Canned ACLs: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
 * Pseudo parameters (AWS::StackId): https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { samPolicyTemplates } from '../../src/sources/cfn/index.js';
import { captureOutput } from '../helpers/output.js';
import { parse, resourceOf, roleWithResource, warningsOf } from './helpers.js';

const io = captureOutput();
const run = (...args: string[]) => main(['node', 'leastpriv', 'cfn', ...args]);

describe('Fn::GetAtt and Ref from the CloudFormation resource specification', () => {
  it('GetAtt QueueName / TopicName of a resource that sets its name: the name, no false circular reference', () => {
    const t = `${roleWithResource('!Sub "arn:aws:sqs:us-east-1:123456789012:${JobsQueue.QueueName}"')}  JobsQueue:
    Type: AWS::SQS::Queue
    Properties: { QueueName: jobs }
`;
    expect(resourceOf(t)).toBe('arn:aws:sqs:us-east-1:123456789012:jobs');
    const topic = `${roleWithResource('!GetAtt T.TopicName')}  T:\n    Type: AWS::SNS::Topic\n    Properties: { TopicName: alerts }\n`;
    expect(resourceOf(topic)).toBe('alerts');
  });
  it('an ARN the catalog has no format for comes from the specification (AWS::IoT::TopicRule, AWS::AmazonMQ::Broker)', () => {
    const rule = `${roleWithResource('!GetAtt Rule.Arn')}  Rule:\n    Type: AWS::IoT::TopicRule\n    Properties: { RuleName: myrule }\n`;
    expect(resourceOf(rule)).toBe('arn:aws:iot:us-east-1:123456789012:rule/myrule');
    // No ARN template anywhere: a placeholder with a located warning, not an abort.
    const broker = `${roleWithResource('!GetAtt B.Arn')}  B:\n    Type: AWS::AmazonMQ::Broker\n    Properties: { BrokerName: mq }\n`;
    expect(resourceOf(broker)).toBe('{{UNRESOLVED B.Arn}}');
    expect(warningsOf(broker)[0]).toMatch(
      /the ARN of B cannot be built: the ARN format of AWS::AmazonMQ::Broker is not known/,
    );
  });
  it('GetAtt TableBucketARN of an AWS::S3Tables::TableBucket is its ARN from the specification', () => {
    const t = `${roleWithResource('!GetAtt TB.TableBucketARN')}  TB:\n    Type: AWS::S3Tables::TableBucket\n    Properties: { TableBucketName: tb }\n`;
    expect(resourceOf(t)).toBe('arn:aws:s3tables:us-east-1:123456789012:bucket/tb');
  });
  it('an attribute known only once deployed, needed by a policy: located warning and placeholder', () => {
    const t = `${roleWithResource('!GetAtt Sg.GroupId')}  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties: { GroupDescription: x }\n`;
    expect(resourceOf(t)).toBe('{{UNRESOLVED Sg.GroupId}}');
    expect(warningsOf(t)[0]).toMatch(
      /Fn::GetAtt Sg\.GroupId: the value of AWS::EC2::SecurityGroup attribute GroupId is only known once deployed/,
    );
  });
  it('a GetAtt in a property no policy uses is never evaluated (VpcConfig security groups)', () => {
    const t = `Transform: AWS::Serverless-2016-10-31
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: x }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      CodeUri: .
      VpcConfig: { SecurityGroupIds: [!GetAtt Sg.GroupId], SubnetIds: [!Ref Nowhere] }
`;
    const x = parse(t);
    expect(x.warnings).toEqual([]);
    const arns = x.unresolvedManagedPolicies.map((p) => p.arn);
    expect(arns).toContain('arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole');
  });
  it('Ref of a resource whose identifier AWS assigns (a VPC endpoint Id) is a placeholder, not its logical id', () => {
    // Ref of AWS::EC2::VPCEndpoint returns the endpoint's ID (vpce-...), assigned at creation:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpcendpoint.html#aws-resource-ec2-vpcendpoint-return-values
    const t = `${roleWithResource('!Ref Endpoint')}  Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: { VpcId: vpc-1, ServiceName: x }\n`;
    expect(resourceOf(t)).toBe('{{UNRESOLVED Ref Endpoint}}');
    expect(warningsOf(t)[0]).toMatch(
      /Ref Endpoint: the Id AWS assigns to the AWS::EC2::VPCEndpoint .* not known offline/,
    );
    // A type whose Ref is a name the template may set keeps the name (or the logical id).
    const bucket = `${roleWithResource('!Ref B')}  B:\n    Type: AWS::S3::Bucket\n`;
    expect(resourceOf(bucket)).toBe('B');
  });
  it('serverless-patterns apigw-private-cdn-private-ca-sam: aws:sourceVpce from !Ref of the endpoint is UNRESOLVED, not a blocking INVALID_VPCE_FORMAT', async () => {
    const file =
      'test/fixtures/cfn/corpus/serverless-patterns/apigw-private-cdn-private-ca-sam_template.yaml';
    const code = await run(
      'validate',
      '--template-path',
      file,
      '--region',
      'us-east-1',
      '--skip-external-access',
    );
    const report = JSON.parse(io.out) as {
      BlockingFindings: unknown[];
      NonBlockingFindings: { code: string; resourceName: string; unresolved?: string[] }[];
    };
    expect(report.BlockingFindings).toEqual([]);
    expect(code).toBe(0);
    const vpce = report.NonBlockingFindings.find((f) => f.code === 'INVALID_VPCE_FORMAT');
    expect(vpce?.unresolved).toEqual(['{{UNRESOLVED Ref ApiVPCEndpoint}}']);
    expect(
      report.NonBlockingFindings.some((f) => f.code === 'UNRESOLVED' && f.resourceName === 'PrivateAPI'),
    ).toBe(true);
    io.out = '';
    expect(
      await run(
        'validate',
        '--template-path',
        file,
        '--region',
        'us-east-1',
        '--skip-external-access',
        '--strict',
      ),
    ).toBe(2);
  }, 60_000);
  it('AWS::StackId uses the all-zero UUID, as cfn-policy-validator does', () => {
    expect(resourceOf(roleWithResource('!Ref AWS::StackId'))).toBe(
      'arn:aws:cloudformation:us-east-1:123456789012:stack/StackName/00000000-0000-0000-0000-000000000000',
    );
  });
});

describe('YAML merge keys (YAML 1.1, https://yaml.org/type/merge.html)', () => {
  it('are resolved (keys written in the mapping win) with a warning that CloudFormation itself rejects them', () => {
    const t = `Metadata:
  Base: &base
    Effect: Allow
    Action: s3:GetObject
    Resource: 'arn:aws:s3:::base/*'
${roleWithResource('x').replace(
  /- Effect: Allow\n\s+Action: s3:GetObject\n\s+Resource: x/,
  "- <<: *base\n                Resource: 'arn:aws:s3:::mine/*'",
)}`;
    const doc = parse(t).output.Roles[0].Policies[0].Policy as { Statement: Record<string, unknown>[] };
    expect(doc.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::mine/*',
    });
    expect(warningsOf(t).join('\n')).toMatch(
      /YAML merge key "<<" resolved .* CloudFormation does not accept merge keys/,
    );
  });
});

describe('SAM: every published policy template expands', () => {
  const templates = samPolicyTemplates();
  it("holds SAM's full list (80 or more)", () => {
    expect(Object.keys(templates).length).toBeGreaterThanOrEqual(80);
  });
  it.each(Object.keys(templates))('%s', (name) => {
    const params = Object.keys(templates[name].Parameters);
    const args = params.length ? `{ ${params.map((p) => `${p}: v${p}`).join(', ')} }` : '{}';
    const t = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      CodeUri: .
      Policies:
        - ${name}: ${args}
`;
    const x = parse(t);
    const doc = x.output.Roles[0].Policies.find((p) => p.Name === 'FnRolePolicy0')!.Policy as {
      Statement: unknown[];
    };
    expect(doc.Statement.length).toBeGreaterThan(0);
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/"Ref"|Fn::|UNRESOLVED/);
    for (const p of params) {
      if (JSON.stringify(templates[name].Definition).includes(`"Ref":"${p}"`))
        expect(text).toContain(`v${p}`);
    }
    expect(x.policies.find((s) => s.policyName === 'FnRolePolicy0')?.origin).toBe(
      `SAM policy template ${name}`,
    );
  });
});

describe('cfn-policy-validator parity', () => {
  it('an S3 bucket canned ACL is its Configuration (merged into its bucket policy entry) and PublicRead is public', async () => {
    const t = `Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties: { BucketName: site, AccessControl: PublicRead }
  Logs:
    Type: AWS::S3::Bucket
    Properties: { AccessControl: Private }
  SitePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Site
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { AWS: arn:aws:iam::123456789012:root }, Action: s3:GetObject, Resource: arn:aws:s3:::site/* }
`;
    const res = parse(t).output.Resources;
    expect(res.map((r) => [r.ResourceName, r.Policy.Name, r.Configuration])).toEqual([
      ['site', 'BucketPolicy', { AccessControl: 'PublicRead' }],
      ['Logs', 'BucketAcl', { AccessControl: 'Private' }],
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'lp-cfn-'));
    writeFileSync(join(dir, 't.yaml'), t);
    const code = await run(
      'check-no-public-access',
      '--template-path',
      join(dir, 't.yaml'),
      '--region',
      'us-east-1',
    );
    const report = JSON.parse(io.out);
    expect(
      report.BlockingFindings.map(
        (f: { resourceName: string; code: string }) => `${f.resourceName} ${f.code}`,
      ),
    ).toEqual(['site policy-analysis-CheckNoPublicAccess']);
    expect(code).toBe(2);
  }, 60_000);
  it('a Lambda permission for "*" prints its principal as {"AWS": "*"}', () => {
    const t = `Resources:
  P:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: fn, Action: lambda:InvokeFunction, Principal: '*' }
`;
    const doc = parse(t).output.Resources[0].Policy.Policy as { Statement: { Principal: unknown }[] };
    expect(doc.Statement[0].Principal).toEqual({ AWS: '*' });
  });
  it('the SAM SQSPollerPolicy INVALID_ACTION findings are reported with their origin and do not block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-cfn-'));
    writeFileSync(
      join(dir, 'sam.yaml'),
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      CodeUri: .
      Policies: [{ SQSPollerPolicy: { QueueName: !GetAtt Jobs.QueueName } }]
`,
    );
    const args = [
      'validate',
      '--template-path',
      join(dir, 'sam.yaml'),
      '--region',
      'us-east-1',
      '--skip-external-access',
    ];
    expect(await run(...args)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.BlockingFindings).toEqual([]);
    for (const f of report.NonBlockingFindings) expect(f.origin).toBe('SAM policy template SQSPollerPolicy');
    io.out = '';
    expect(await run(...args, '--block-sam-generated')).toBe(2);
  }, 60_000);
});

describe('cfn-policy-validator conventions (issue 16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lp-cfn-'));
  const file = join(dir, 'p.yaml');
  writeFileSync(
    file,
    roleWithResource('!Sub "arn:aws:s3:::${Bucket}/*"', 'Parameters:\n  Bucket: { Type: String }'),
  );
  const resource = () =>
    (JSON.parse(io.out) as { Roles: { Policies: { Policy: { Statement: { Resource: string }[] } }[] }[] })
      .Roles[0].Policies[0].Policy.Statement[0].Resource;
  it('the Region comes from AWS_REGION, then AWS_DEFAULT_REGION, when --region is absent', async () => {
    const saved = { r: process.env.AWS_REGION, d: process.env.AWS_DEFAULT_REGION };
    try {
      delete process.env.AWS_REGION;
      process.env.AWS_DEFAULT_REGION = 'eu-west-3';
      expect(await run('parse', '--template-path', file)).toBe(0);
      expect(JSON.parse(io.out).Region).toBe('eu-west-3');
      process.env.AWS_REGION = 'ap-south-1';
      io.out = '';
      expect(await run('parse', '--template-path', file)).toBe(0);
      expect(JSON.parse(io.out).Region).toBe('ap-south-1');
      delete process.env.AWS_REGION;
      delete process.env.AWS_DEFAULT_REGION;
      expect(await run('parse', '--template-path', file)).toBe(1);
      expect(io.err).toMatch(/--region is required \(or set AWS_REGION or AWS_DEFAULT_REGION\)/);
    } finally {
      if (saved.r === undefined) delete process.env.AWS_REGION;
      else process.env.AWS_REGION = saved.r;
      if (saved.d === undefined) delete process.env.AWS_DEFAULT_REGION;
      else process.env.AWS_DEFAULT_REGION = saved.d;
    }
  });
  it.each([
    ['CodePipeline', '{"Parameters": {"Bucket": "cp"}}', 'cp'],
    ['AWS CLI', '[{"ParameterKey": "Bucket", "ParameterValue": "cli"}]', 'cli'],
    ['Key=Value', '["Bucket=kv"]', 'kv'],
  ])('template configuration file, %s shape', async (_n, text, bucket) => {
    const cfg = join(dir, `cfg-${bucket}.json`);
    writeFileSync(cfg, text);
    expect(
      await run(
        'parse',
        '--template-path',
        file,
        '--region',
        'us-east-1',
        '--template-configuration-file',
        cfg,
      ),
    ).toBe(0);
    expect(resource()).toBe(`arn:aws:s3:::${bucket}/*`);
  });
  it('a malformed parameter list entry is a located error', async () => {
    const cfg = join(dir, 'bad.json');
    writeFileSync(cfg, '[\n  "Bucket"\n]');
    expect(
      await run(
        'parse',
        '--template-path',
        file,
        '--region',
        'us-east-1',
        '--template-configuration-file',
        cfg,
      ),
    ).toBe(1);
    expect(io.err).toMatch(/bad\.json:2:3: .*"Bucket" is not Key=Value/);
  });
});

describe('many templates, one process (issue 11 item 5)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lp-many-'));
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'one.yaml'), roleWithResource("'*'").replace('s3:GetObject', 's3:GetObjectt'));
  writeFileSync(join(dir, 'a', 'two.json'), JSON.stringify({ Resources: {} }));
  writeFileSync(join(dir, 'a', 'notes.json'), '{"not": "a template"}');
  writeFileSync(join(dir, 'three.yml'), roleWithResource("'*'"));
  it('directories and globs expand to templates; one report whose findings name their template; one exit code', async () => {
    const code = await run(
      'validate',
      '--template-path',
      join(dir, 'a'),
      `${dir}/*.yml`,
      '--region',
      'us-east-1',
    );
    const report = JSON.parse(io.out);
    expect(
      report.BlockingFindings.map((f: { code: string; templateLocation: { file: string } }) => [
        f.code,
        f.templateLocation.file,
      ]),
    ).toEqual([['INVALID_ACTION', join(dir, 'a', 'one.yaml')]]);
    expect(code).toBe(2);
    io.out = '';
    expect(await run('parse', '--template-path', `${dir}/**/*.yaml`, '--region', 'us-east-1')).toBe(0);
    expect(JSON.parse(io.out).Roles).toHaveLength(1); // one match: the output of a single template
    io.out = '';
    expect(await run('parse', '--template-path', `${dir}/*.none`, '--region', 'us-east-1')).toBe(1);
    expect(io.err).toMatch(/names no template/);
  }, 60_000);
  it('parse of several templates prints each under its path', async () => {
    expect(
      await run('parse', '--template-path', join(dir, 'a'), join(dir, 'three.yml'), '--region', 'us-east-1'),
    ).toBe(0);
    const out = JSON.parse(io.out) as { Templates: { TemplatePath: string; Roles: unknown[] }[] };
    expect(out.Templates.map((t) => [t.TemplatePath, t.Roles.length])).toEqual([
      [join(dir, 'a', 'one.yaml'), 1],
      [join(dir, 'a', 'two.json'), 0],
      [join(dir, 'three.yml'), 1],
    ]);
  });
});

describe('SAM function URLs (sam-property-function-functionurlconfig.html, lambda urls-auth.html)', () => {
  it('AuthType NONE: lambda:InvokeFunctionUrl for NONE and lambda:InvokeFunction only via the URL (both needed since October 2025); with AutoPublishAlias on the alias', () => {
    const x = parse(`Transform: AWS::Serverless-2016-10-31
Resources:
  Web:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: a.b, CodeUri: ., AutoPublishAlias: live, FunctionUrlConfig: { AuthType: NONE } }
`);
    const fn = x.output.Resources.find((r) => r.ResourceType === 'AWS::Lambda::Function')!;
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:Web:live';
    expect((fn.Policy.Policy as { Statement: unknown[] }).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunctionUrl',
        Principal: { AWS: '*' },
        Resource: arn,
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
      },
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Principal: { AWS: '*' },
        Resource: arn,
        Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': 'true' } },
      },
    ]);
  });
  // SAM compares AuthType as written (samtranslator's _construct_url_permission); Lambda requires a
  // resource-based policy for public NONE URLs: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
  it('AuthType given by an intrinsic gets no public permission, as in SAM, with a note at the AuthType', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Auth: { Type: String, Default: NONE }
Resources:
  Web:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: a.b, CodeUri: ., FunctionUrlConfig: { AuthType: !Ref Auth } }
`;
    const x = parse(text);
    expect(x.output.Resources.filter((r) => r.ResourceType === 'AWS::Lambda::Function')).toEqual([]);
    expect(warningsOf(text)).toEqual([
      expect.stringMatching(
        /^template\.yaml:7:97: FunctionUrlConfig\.AuthType is an intrinsic function: SAM adds no public permission/,
      ),
    ]);
    expect(x.warnings[0].severity).toBe('note');
  });
  it('AuthType NONE is a public permission, reported (and blocking) by check-no-public-access; AWS_IAM is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-url-'));
    const tpl = (auth: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Web:
    Type: AWS::Serverless::Function
    Properties: { Runtime: python3.12, Handler: a.b, CodeUri: ., FunctionUrlConfig: { AuthType: ${auth} } }
`;
    writeFileSync(join(dir, 'none.yaml'), tpl('NONE'));
    writeFileSync(join(dir, 'iam.yaml'), tpl('AWS_IAM'));
    expect(
      await run('check-no-public-access', '--template-path', join(dir, 'none.yaml'), '--region', 'us-east-1'),
    ).toBe(2);
    expect(JSON.parse(io.out).BlockingFindings.map((f: { resourceName: string }) => f.resourceName)).toEqual([
      'Web',
    ]);
    io.out = '';
    expect(
      await run('check-no-public-access', '--template-path', join(dir, 'iam.yaml'), '--region', 'us-east-1'),
    ).toBe(0);
  }, 60_000);
});

describe('SAM event sources that add inline policies (sam-property-function-mq.html, sam-property-function-documentdb.html)', () => {
  const fn = (event: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Broker: { Type: AWS::AmazonMQ::Broker, Properties: { BrokerName: mq } }
  Secret: { Type: AWS::SecretsManager::Secret, Properties: { Name: mq-auth } }
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      CodeUri: .
      Events:
${event}
`;
  it('MQ: GetSecretValue on the BASIC_AUTH secret and DescribeBroker on the broker, with their origin', () => {
    const x = parse(
      fn(`        Q:
          Type: MQ
          Properties:
            Broker: !GetAtt Broker.Arn
            Queues: [orders]
            SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: !Ref Secret }]`),
    );
    const p = x.output.Roles[0].Policies.find((q) => q.Name === 'SamAutoGeneratedAMQPolicy')!;
    const st = (p.Policy as { Statement: { Action: string[]; Resource: string }[] }).Statement;
    expect(st.map((s) => s.Action)).toEqual([['secretsmanager:GetSecretValue'], ['mq:DescribeBroker']]);
    expect(st[0].Resource).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-auth/);
    expect(st[1].Resource).toBe('{{UNRESOLVED Broker.Arn}}');
    expect(x.policies.find((s) => s.policyName === 'SamAutoGeneratedAMQPolicy')?.origin).toBe(
      'SAM MQ event source Q',
    );
  });
  it('DocumentDB: the five statements SAM adds', () => {
    const x = parse(
      fn(`        D:
          Type: DocumentDB
          Properties:
            Cluster: arn:aws:rds:us-east-1:123456789012:cluster:docs
            DatabaseName: db
            CollectionName: c
            SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: !Ref Secret }]`),
    );
    const p = x.output.Roles[0].Policies.find((q) => q.Name === 'SamAutoGeneratedDocumentDBPolicy')!;
    const st = (p.Policy as { Statement: { Action: string[]; Resource: string }[] }).Statement;
    expect(st.map((s) => s.Action[0])).toEqual([
      'secretsmanager:GetSecretValue',
      'rds:DescribeDBClusterParameters',
      'rds:DescribeDBSubnetGroups',
      'rds:DescribeDBClusters',
      'ec2:CreateNetworkInterface',
    ]);
    expect(st[1].Resource).toBe('arn:aws:rds:us-east-1:123456789012:cluster-pg:*');
    expect(st[3].Resource).toBe('arn:aws:rds:us-east-1:123456789012:cluster:docs');
  });
});
