/**
 * SAM transform: the implicit execution role and the Policies property.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorOf, parse } from './helpers.js';

const fn = (policies: string, extra = '') => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: .
${extra}      Policies:
${policies}
  Queue: { Type: AWS::SQS::Queue }
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: orders } }
  Topic: { Type: AWS::SNS::Topic }
  Bucket: { Type: AWS::S3::Bucket, Properties: { BucketName: media } }
  Key: { Type: AWS::KMS::Key, Properties: { KeyPolicy: { Version: '2012-10-17', Statement: [] } } }
`;

type Doc = {
  Version: string;
  Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[];
};
const role = (text: string) => {
  const x = parse(text);
  const r = x.output.Roles.find((r) => r.RoleName === 'FnRole');
  if (!r) throw new Error('no FnRole');
  return r;
};
const statementsOf = (text: string) =>
  (role(text).Policies.find((p) => !p.IsAWSManagedPolicy && p.Name.startsWith('FnRolePolicy'))!.Policy as Doc)
    .Statement;

describe('implicit role', () => {
  it('is named <LogicalId>Role, trusted by Lambda, with AWSLambdaBasicExecutionRole', () => {
    const x = parse(fn('        - AWSLambdaExecute'));
    const r = x.output.Roles[0];
    expect(r.RoleName).toBe('FnRole');
    expect(r.TrustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
      ],
    });
    const arns = x.unresolvedManagedPolicies.map((u) => u.arn);
    const named = [...arns, ...r.Policies.map((p) => p.Name)];
    expect(named.some((n) => n.includes('AWSLambdaBasicExecutionRole'))).toBe(true);
    expect(named.some((n) => n.includes('AWSLambdaExecute'))).toBe(true);
  });
  it('takes Tracing from Globals, and adds the poller policy of SQS/Kinesis/DynamoDB events', () => {
    const t = fn(
      '        - CloudWatchPutMetricPolicy: {}',
      '      Events:\n        Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }\n        S: { Type: DynamoDB, Properties: { Stream: x, StartingPosition: LATEST } }\n        A: { Type: Api, Properties: { Path: /, Method: get } }\n',
    ).replace(
      'Resources:',
      "Globals:\n  Function:\n    Tracing: Active\n    PermissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary'\nResources:",
    );
    const x = parse(t);
    const names = x.unresolvedManagedPolicies.map((u) => u.arn.split('/').pop());
    expect(names).toEqual([
      'AWSLambdaBasicExecutionRole',
      'AWSXrayWriteOnlyAccess',
      'AWSLambdaSQSQueueExecutionRole',
      'AWSLambdaDynamoDBExecutionRole',
    ]);
  });
  it('is not created when the function names a Role', () => {
    const x = parse(
      fn('        - AWSLambdaExecute', "      Role: 'arn:aws:iam::123456789012:role/existing'\n"),
    );
    expect(x.output.Roles).toEqual([]);
  });
  it('can be referenced with GetAtt from other resources', () => {
    const t = `${fn('        - SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName }')}  Bus:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: s
      Statement: { Effect: Allow, Principal: { AWS: !GetAtt FnRole.Arn }, Action: events:PutEvents, Resource: '*' }
`;
    const bus = parse(t).output.Resources.find((r) => r.ResourceType === 'AWS::Events::EventBus')!;
    expect(JSON.stringify(bus.Policy.Policy)).toContain('arn:aws:iam::123456789012:role/FnRole');
  });
  it('an inline document keeps its statements, numbered <LogicalId>RolePolicy<N>', () => {
    const r = role(
      fn(
        "        - Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }]\n        - CloudWatchPutMetricPolicy: {}",
      ),
    );
    expect(r.Policies.filter((p) => !p.IsAWSManagedPolicy).map((p) => p.Name)).toEqual([
      'FnRolePolicy0',
      'FnRolePolicy1',
    ]);
  });
  // SAM's role_constructor numbers each inline policy by its index in Policies, managed entries included.
  it('an inline policy after a managed policy name keeps its position in the number', () => {
    const r = role(
      fn(
        "        - AWSLambdaExecute\n        - Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }]",
      ),
    );
    expect(r.Policies.filter((p) => !p.IsAWSManagedPolicy).map((p) => p.Name)).toEqual(['FnRolePolicy1']);
  });
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-tracing
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-durableconfig
  it('Tracing other than Disabled adds X-Ray; DurableConfig swaps in the durable execution policy; a traced state machine gets X-Ray', () => {
    const managed = (text: string) =>
      parse(text)
        .unresolvedManagedPolicies.map((u) => u.arn)
        .sort();
    const base = 'arn:aws:iam::aws:policy/';
    expect(managed(fn('        - AWSLambdaExecute', '      Tracing: PassThrough\n'))).toContain(
      `${base}AWSXrayWriteOnlyAccess`,
    );
    expect(managed(fn('        - AWSLambdaExecute', '      Tracing: Disabled\n'))).not.toContain(
      `${base}AWSXrayWriteOnlyAccess`,
    );
    const durable = managed(
      fn('        - AWSLambdaExecute', '      DurableConfig: { ExecutionTimeout: 60 }\n'),
    );
    expect(durable).toContain(`${base}service-role/AWSLambdaBasicDurableExecutionRolePolicy`);
    expect(durable).not.toContain(`${base}service-role/AWSLambdaBasicExecutionRole`);
    const sm = (tracing: string) =>
      managed(`Transform: AWS::Serverless-2016-10-31
Resources:
  Sm:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Tracing: { Enabled: ${tracing} }
`);
    expect(sm('true')).toEqual([`${base}AWSXrayWriteOnlyAccess`]);
    expect(sm('false')).toEqual([]);
  });
});

const ARN = 'arn:aws';
const REG = 'us-east-1:123456789012';
describe('policy templates expand to their documented statements', () => {
  const cases: Array<[string, string[], string[]]> = [
    [
      'S3ReadPolicy: { BucketName: !Ref Bucket }',
      [
        's3:GetObject',
        's3:ListBucket',
        's3:GetBucketLocation',
        's3:GetObjectVersion',
        's3:GetLifecycleConfiguration',
      ],
      [`${ARN}:s3:::media`, `${ARN}:s3:::media/*`],
    ],
    [
      'S3WritePolicy: { BucketName: media }',
      ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'],
      [`${ARN}:s3:::media`, `${ARN}:s3:::media/*`],
    ],
    [
      'S3CrudPolicy: { BucketName: media }',
      [
        's3:GetObject',
        's3:ListBucket',
        's3:GetBucketLocation',
        's3:GetObjectVersion',
        's3:PutObject',
        's3:PutObjectAcl',
        's3:GetLifecycleConfiguration',
        's3:PutLifecycleConfiguration',
        's3:DeleteObject',
      ],
      [`${ARN}:s3:::media`, `${ARN}:s3:::media/*`],
    ],
    [
      'DynamoDBReadPolicy: { TableName: !Ref Table }',
      [
        'dynamodb:GetItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
      ],
      [`${ARN}:dynamodb:${REG}:table/orders`, `${ARN}:dynamodb:${REG}:table/orders/index/*`],
    ],
    [
      'DynamoDBCrudPolicy: { TableName: !Ref Table }',
      [
        'dynamodb:GetItem',
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:Scan',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
        'dynamodb:ConditionCheckItem',
      ],
      [`${ARN}:dynamodb:${REG}:table/orders`, `${ARN}:dynamodb:${REG}:table/orders/index/*`],
    ],
    [
      'SQSSendMessagePolicy: { QueueName: !GetAtt Queue.QueueName }',
      ['sqs:SendMessage*'],
      [`${ARN}:sqs:${REG}:Queue`],
    ],
    [
      'SQSPollerPolicy: { QueueName: !GetAtt Queue.QueueName }',
      [
        'sqs:ChangeMessageVisibility',
        'sqs:ChangeMessageVisibilityBatch',
        'sqs:DeleteMessage',
        'sqs:DeleteMessageBatch',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
      ],
      [`${ARN}:sqs:${REG}:Queue`],
    ],
    [
      'SNSPublishMessagePolicy: { TopicName: !GetAtt Topic.TopicName }',
      ['sns:Publish'],
      [`${ARN}:sns:${REG}:Topic`],
    ],
    [
      'LambdaInvokePolicy: { FunctionName: worker }',
      ['lambda:InvokeFunction'],
      [`${ARN}:lambda:${REG}:function:worker*`],
    ],
    ['KMSDecryptPolicy: { KeyId: !Ref Key }', ['kms:Decrypt'], [`${ARN}:kms:${REG}:key/Key`]],
    [
      "AWSSecretsManagerGetSecretValuePolicy: { SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' }",
      ['secretsmanager:GetSecretValue'],
      [`${ARN}:secretsmanager:${REG}:secret:db-AbCdEf`],
    ],
    [
      "SecretsManagerGetSecretValuePolicy: { SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' }",
      ['secretsmanager:GetSecretValue'],
      [`${ARN}:secretsmanager:${REG}:secret:db-AbCdEf`],
    ],
  ];
  for (const [entry, actions, resources] of cases) {
    it(entry.split(':')[0], () => {
      const [s] = statementsOf(fn(`        - ${entry}`));
      expect(s.Effect).toBe('Allow');
      expect([s.Action].flat()).toEqual(actions);
      expect([s.Resource].flat()).toEqual(resources);
    });
  }
  it("carry no Version, as SAM's translator writes them: MISSING_VERSION on them is SAM's, marked with the template", () => {
    // SAM's own output for its all_policy_templates test (test/fixtures/cfn/sam-translator)
    const dir = new URL('../fixtures/cfn/sam-translator/', import.meta.url);
    const out = JSON.parse(readFileSync(new URL('all_policy_templates.json', dir), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: { Policies?: { PolicyDocument: object }[] } }>;
    };
    const samDocs = Object.values(out.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap((r) => r.Properties.Policies ?? [])
      .map((p) => p.PolicyDocument);
    expect(samDocs.length).toBeGreaterThan(50);
    expect(samDocs.filter((d) => 'Version' in d)).toEqual([]);
    const x = parse(
      `Transform: AWS::Serverless-2016-10-31\n${readFileSync(new URL('all_policy_templates.yaml', dir), 'utf8')}`,
    );
    const generated = x.policies.filter((p) => p.origin?.startsWith('SAM policy template '));
    expect(generated.length).toBe(samDocs.length);
    for (const p of generated) expect(p.document).not.toHaveProperty('Version');
  });
  it('an unknown template or a missing parameter is a located error', () => {
    expect(errorOf(fn('        - NoSuchPolicy: { X: y }'))).toMatch(
      /unknown SAM policy template "NoSuchPolicy"/,
    );
    expect(errorOf(fn('        - SQSPollerPolicy: {}'))).toMatch(/SQSPollerPolicy needs parameter QueueName/);
  });
});

/**
 * Push event sources: SAM adds an AWS::Lambda::Permission for the source service, so the
 * function's resource policy lets that service invoke it.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
 * https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
describe('push event sources', () => {
  const withEvents = (events: string) =>
    parse(
      fn('        - AWSLambdaExecute', `      Events:\n${events}`).replace(
        '  Topic: { Type: AWS::SNS::Topic }',
        '  Topic: { Type: AWS::SNS::Topic, Properties: { TopicName: t } }',
      ),
    );
  const fnPolicy = (x: ReturnType<typeof parse>) => {
    const r = x.output.Resources.find((r) => r.ResourceType === 'AWS::Lambda::Function');
    return r?.Policy.Policy as { Statement: Record<string, unknown>[] } | undefined;
  };
  it('S3, SNS, Schedule and Api events each give their service lambda:InvokeFunction', () => {
    const x = withEvents(
      [
        '        Up: { Type: S3, Properties: { Bucket: !Ref Bucket, Events: s3:ObjectCreated:* } }',
        '        N: { Type: SNS, Properties: { Topic: !Ref Topic } }',
        '        Tick: { Type: Schedule, Properties: { Schedule: rate(1 minute), Name: tick } }',
        '        A: { Type: Api, Properties: { Path: /items/, Method: get } }',
        '',
      ].join('\n'),
    );
    const st = fnPolicy(x)!.Statement;
    expect(st).toContainEqual({
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Principal: { Service: 's3.amazonaws.com' },
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
      Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' } },
    });
    const bySource = (svc: string) =>
      st.find((s) => (s.Principal as { Service?: string }).Service === svc)?.Condition as
        | { ArnLike: Record<string, string> }
        | undefined;
    expect(bySource('sns.amazonaws.com')?.ArnLike['AWS:SourceArn']).toBe(
      'arn:aws:sns:us-east-1:123456789012:t',
    );
    expect(bySource('events.amazonaws.com')?.ArnLike['AWS:SourceArn']).toBe(
      'arn:aws:events:us-east-1:123456789012:rule/tick',
    );
    // Implicit API, any stage, trailing slash dropped, method upper-cased.
    expect(bySource('apigateway.amazonaws.com')?.ArnLike['AWS:SourceArn']).toMatch(
      /^arn:aws:execute-api:us-east-1:123456789012:[^/]+\/\*\/GET\/items$/,
    );
  });
  it('poll-based events add no permission (the function polls)', () => {
    const x = withEvents('        Q: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }\n');
    expect(fnPolicy(x)).toBeUndefined();
  });
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-api.html
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-httpapi.html
  it("path parameters match any segment; an HTTP API $default route covers the function's other routes", () => {
    const arns = (events: string) =>
      (fnPolicy(withEvents(events))?.Statement ?? []).map(
        (s) => (s.Condition as { ArnLike: Record<string, string> }).ArnLike['AWS:SourceArn'],
      );
    expect(
      arns('        A: { Type: Api, Properties: { Path: "/items/{id}/{proxy+}", Method: get } }\n'),
    ).toEqual(['arn:aws:execute-api:us-east-1:123456789012:ServerlessRestApi/*/GET/items/*/*']);
    const http = arns(
      [
        '        Default: { Type: HttpApi }',
        '        Get: { Type: HttpApi, Properties: { Path: "/items/{id}", Method: get } }',
        '',
      ].join('\n'),
    );
    // one permission: any method, any route of the implicit HTTP API (its id is known only once deployed)
    expect(http).toHaveLength(1);
    expect(http[0]).toMatch(/^arn:aws:execute-api:us-east-1:123456789012:.+\/\*\/\*$/);
    expect(
      arns('        Get: { Type: HttpApi, Properties: { Path: "/items/{id}", Method: get } }\n')[0],
    ).toMatch(/\/\*\/GET\/items\/\*$/);
  });
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
  it("an API's Name (its own, else Globals Api Name, also for the implicit API) is what Ref gives in the permission", () => {
    const sourceArn = (text: string) =>
      (
        parse(text).output.Resources.find((r) => r.ResourceType === 'AWS::Lambda::Function')!.Policy
          .Policy as {
          Statement: { Condition: { ArnLike: Record<string, string> } }[];
        }
      ).Statement[0].Condition.ArnLike['AWS:SourceArn'];
    const t = (globals: string, api: string, restApiId: string) => `Transform: AWS::Serverless-2016-10-31
${globals}Resources:
${api}  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: .
      Events:
        A: { Type: Api, Properties: { Path: /x, Method: get${restApiId} } }
`;
    const globals = 'Globals:\n  Api:\n    Name: shared\n';
    const api = (name: string) =>
      `  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: live\n${name}`;
    expect(sourceArn(t('', api('      Name: mine\n'), ', RestApiId: !Ref Api'))).toMatch(
      /:mine\/\*\/GET\/x$/,
    );
    expect(sourceArn(t(globals, api(''), ', RestApiId: !Ref Api'))).toMatch(/:shared\/\*\/GET\/x$/);
    expect(sourceArn(t(globals, '', ''))).toMatch(/:shared\/\*\/GET\/x$/);
    expect(sourceArn(t('', '', ''))).toMatch(/:ServerlessRestApi\/\*\/GET\/x$/);
  });
  it('an explicit API whose StageName is not alphanumeric still gets its permission (SAM hashes the id)', () => {
    const x = parse(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: hoge-fuga }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: .
      Events:
        A: { Type: Api, Properties: { Path: /x, Method: get, RestApiId: !Ref Api } }
`);
    const st = (
      x.output.Resources.find((r) => r.ResourceType === 'AWS::Lambda::Function')!.Policy.Policy as {
        Statement: { Condition: { ArnLike: Record<string, string> } }[];
      }
    ).Statement;
    expect(st.map((s) => s.Condition.ArnLike['AWS:SourceArn'])).toEqual([
      'arn:aws:execute-api:us-east-1:123456789012:Api/*/GET/x',
    ]);
  });
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-sqssubscriptionobject.html
  it('SNS with SqsSubscription: no permission; the queue SAM creates lets the topic send, the role polls it', () => {
    const x = withEvents(
      '        N: { Type: SNS, Properties: { Topic: !Ref Topic, SqsSubscription: true } }\n',
    );
    expect(fnPolicy(x)).toBeUndefined();
    const q = x.output.Resources.find((r) => r.ResourceType === 'AWS::SQS::Queue')!;
    expect(q.ResourceName).toBe('FnNQueue');
    expect(q.Policy.Policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sqs:SendMessage',
          Effect: 'Allow',
          Principal: '*',
          Resource: 'arn:aws:sqs:us-east-1:123456789012:FnNQueue',
          Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:t' } },
        },
      ],
    });
    expect(x.policies.find((p) => p.policyName === 'QueuePolicy')?.origin).toBe('SAM SNS event N');
    expect(x.unresolvedManagedPolicies.map((u) => u.arn)).toContain(
      'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
    );
  });
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deadletterconfig.html
  it('a rule event with DeadLetterConfig Type SQS: SAM creates the queue and lets EventBridge send for that rule', () => {
    const x = withEvents(
      '        Tick: { Type: Schedule, Properties: { Schedule: rate(1 minute), DeadLetterConfig: { Type: SQS } } }\n',
    );
    const q = x.output.Resources.find((r) => r.ResourceType === 'AWS::SQS::Queue')!;
    expect(q.ResourceName).toBe('FnTickQueue');
    const [st] = (q.Policy.Policy as { Statement: Record<string, unknown>[] }).Statement;
    expect(st.Principal).toEqual({ Service: 'events.amazonaws.com' });
    expect(st.Condition).toEqual({
      ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/FnTick' },
    });
    // with an Arn, SAM creates nothing
    const given = withEvents(
      "        Tick: { Type: Schedule, Properties: { Schedule: rate(1 minute), DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:mine' } } }\n",
    );
    expect(given.output.Resources.filter((r) => r.ResourceType === 'AWS::SQS::Queue')).toEqual([]);
  });
});

/**
 * API resource policies. SAM's Auth.ResourcePolicy becomes the REST API's
 * x-amazon-apigateway-policy, one Allow/Deny pair per path and method:
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-resourcepolicystatement.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html
 */
describe('API resource policies', () => {
  const apiPolicy = (text: string, name: string) =>
    parse(text).output.Resources.find(
      (r) => r.ResourceType === 'AWS::ApiGateway::RestApi' && r.ResourceName === name,
    )?.Policy.Policy as { Statement: Record<string, unknown>[] } | undefined;
  const api = (auth: string, extra = '') => `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
${extra}      Auth:
        ResourcePolicy:
${auth}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: .
      Events:
        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: "/items/{id}", Method: get } }
        Any: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /all, Method: any } }
`;
  it('IpRangeWhitelist: everyone allowed and denied outside the ranges, per path and method of the stage', () => {
    const st = apiPolicy(api('          IpRangeWhitelist: [203.0.113.0/24]'), 'Api')!.Statement;
    expect(st).toHaveLength(4);
    expect(st).toContainEqual({
      Effect: 'Deny',
      Action: 'execute-api:Invoke',
      Resource: ['execute-api:/live/GET/items/*'],
      Principal: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } },
    });
    expect(st).toContainEqual({
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: ['execute-api:/live/*/all'],
      Principal: '*',
    });
  });
  it('AwsAccountWhitelist names the accounts; CustomStatements are added as written; Name names the API', () => {
    const st = apiPolicy(
      api(
        '          AwsAccountWhitelist: ["111122223333"]\n          CustomStatements: [{ Effect: Deny, Principal: "*", Action: execute-api:Invoke, Resource: "execute-api:/*/DELETE/*" }]',
        '      Name: orders\n',
      ),
      'orders',
    )!.Statement;
    expect(st).toContainEqual({
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: ['execute-api:/live/GET/items/*'],
      Principal: { AWS: ['111122223333'] },
    });
    expect(st).toContainEqual({
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*/DELETE/*',
    });
  });
  it('a plain RestApi: Policy, else the x-amazon-apigateway-policy of its Body', () => {
    const text = `Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
      Body:
        swagger: '2.0'
        paths: { /: { get: { x-amazon-apigateway-integration: { uri: !Sub '\${Missing.Arn}' } } } }
        x-amazon-apigateway-policy:
          Version: '2012-10-17'
          Statement: [{ Effect: Allow, Principal: '*', Action: execute-api:Invoke, Resource: 'execute-api:/*' }]
`;
    // Only the policy member of the body is evaluated (the integration's GetAtt is never read).
    expect(apiPolicy(text, 'shop')!.Statement).toEqual([
      { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
    ]);
  });
});

/**
 * Connectors: the statements of SAM's connector profile for the source/destination pair and the
 * chosen Permissions, in the policy kind the profile names.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-connector.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-connector.html
 */
describe('connectors', () => {
  const app = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: . }
    Connectors:
      ToTable:
        Properties:
          Destination: { Id: Table }
          Permissions: [Read]
  Table: { Type: AWS::DynamoDB::Table, Properties: { TableName: orders } }
  Topic:
    Type: AWS::SNS::Topic
    Connectors:
      ToQueue:
        Properties: { Destination: { Id: Queue }, Permissions: [Write] }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Fn }
      Destination: [{ Id: Topic }]
      Permissions: [Write]
`;
  it('embedded Function -> Table Read: a managed policy <Resource><Connector>Policy on the function role, marked as SAM-generated', () => {
    const x = parse(app);
    const role = x.output.Roles.find((r) => r.RoleName === 'FnRole')!;
    const p = role.Policies.find((p) => p.Name === 'FnToTablePolicy')!;
    const st = (p.Policy as { Statement: { Action: string[]; Resource: string[] }[] }).Statement;
    expect(st[0].Action).toContain('dynamodb:GetItem');
    expect(st[0].Action).not.toContain('dynamodb:PutItem'); // Write was not asked for
    expect(st[0].Resource).toContain('arn:aws:dynamodb:us-east-1:123456789012:table/orders');
    // Connector Function -> Topic (a list of destinations): <Connector>PolicyDestination0, sns:Publish.
    const topic = role.Policies.find((p) => p.Name === 'ConnPolicyDestination0')!;
    expect(JSON.stringify(topic.Policy)).toContain('sns:Publish');
    expect(x.sourceOf(p)?.origin).toBe('SAM connector FnToTable');
  });
  it('Topic -> Queue Write: a queue policy letting SNS send, for that topic only', () => {
    const q = parse(app).output.Resources.find((r) => r.ResourceType === 'AWS::SQS::Queue')!;
    expect(q.ResourceName).toBe('jobs');
    expect((q.Policy.Policy as { Statement: unknown[] }).Statement).toContainEqual({
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs',
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:Topic' } },
    });
  });
  it("Rule -> event bus given by Arn: the policy goes on the role of the rule's target with that Arn (compared as written, Fn::Sub included)", () => {
    const t = (target: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [aws.ec2] }
      Targets:
        - { Id: Bus, RoleArn: !GetAtt RuleRole.Arn, Arn: ${target} }
  RuleRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: events.amazonaws.com }, Action: sts:AssumeRole }] }
  ToBus:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Rule }
      Destination:
        Type: AWS::Events::EventBus
        Arn: !Sub 'arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/default'
      Permissions: [Write]
`;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    const bus = "!Sub 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default'";
    const x = parse(t(bus));
    const role = x.output.Roles.find((r) => r.RoleName === 'RuleRole')!;
    expect(role.Policies.map((p) => p.Name)).toEqual(['ToBusPolicy']);
    expect(JSON.stringify(role.Policies[0].Policy)).toContain('"events:PutEvents"');
    // a target with another Arn: the role is not known, a warning
    const other = parse(t("'arn:aws:events:us-east-1:123456789012:event-bus/other'"));
    expect(other.output.Roles.find((r) => r.RoleName === 'RuleRole')!.Policies).toEqual([]);
    expect(other.warnings.map((w) => w.detail).join('\n')).toMatch(
      /SAM connector ToBus: the role of its Source is not known/,
    );
  });
  it('a pair SAM has no profile for is a warning, not an abort', () => {
    const t = app.replace('Destination: { Id: Queue }', 'Destination: { Id: Table }');
    const x = parse(t);
    expect(x.warnings.map((w) => w.detail).join('\n')).toMatch(
      /SAM connector TopicToQueue: SAM has no connector profile from AWS::SNS::Topic to AWS::DynamoDB::Table/,
    );
  });
});

/**
 * ScheduleV2 (EventBridge Scheduler): the role SAM creates for the schedule.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-schedulev2.html
 */
describe('ScheduleV2 events', () => {
  it('a role trusted by scheduler.amazonaws.com may invoke the function and send to the dead-letter queue', () => {
    const x = parse(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: .
      Events:
        Nightly:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 day), DeadLetterConfig: { Arn: arn:aws:sqs:us-east-1:123456789012:dlq } }
        Given:
          Type: ScheduleV2
          Properties: { ScheduleExpression: rate(1 day), RoleArn: arn:aws:iam::123456789012:role/mine }
`);
    const role = x.output.Roles.find((r) => r.RoleName === 'FnNightlyRole')!;
    expect(JSON.stringify(role.TrustPolicy)).toContain('scheduler.amazonaws.com');
    expect(role.Policies.map((p) => [p.Name, p.Policy])).toEqual([
      [
        'FnNightlyLambdaPolicy',
        {
          Statement: [
            {
              Action: 'lambda:InvokeFunction',
              Effect: 'Allow',
              Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
            },
          ],
        },
      ],
      [
        'FnNightlySQSPolicy',
        {
          Statement: [
            {
              Action: 'sqs:SendMessage',
              Effect: 'Allow',
              Resource: 'arn:aws:sqs:us-east-1:123456789012:dlq',
            },
          ],
        },
      ],
    ]);
    // An event with its own RoleArn gets no role.
    expect(x.output.Roles.some((r) => r.RoleName === 'FnGivenRole')).toBe(false);
  });
});

/**
 * EventInvokeConfig destinations: the function's role may reach them.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventinvokedestinationconfiguration.html
 */
describe('EventInvokeConfig destinations', () => {
  it('OnSuccess Lambda and OnFailure SQS without Destination (SAM creates the queue)', () => {
    const x = parse(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: .
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess: { Type: Lambda, Destination: arn:aws:lambda:us-east-1:123456789012:function:next }
          OnFailure: { Type: SQS }
`);
    const role = x.output.Roles.find((r) => r.RoleName === 'FnRole')!;
    const byName = Object.fromEntries(role.Policies.map((p) => [p.Name, p.Policy]));
    expect(byName.FnEventInvokeConfigOnSuccessLambdaPolicy).toEqual({
      Statement: [
        {
          Action: 'lambda:InvokeFunction',
          Effect: 'Allow',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:next',
        },
      ],
    });
    expect(byName.FnEventInvokeConfigOnFailureSQSPolicy).toEqual({
      Statement: [
        {
          Action: 'sqs:SendMessage',
          Effect: 'Allow',
          Resource: 'arn:aws:sqs:us-east-1:123456789012:FnEventInvokeConfigOnFailureQueue',
        },
      ],
    });
  });
});

/**
 * Lambda authorizers: API Gateway may invoke the authorizer function.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-lambdatokenauthorizer.html
 */
describe('API Lambda authorizers', () => {
  it('a REST API authorizer gets <Api><Authorizer>AuthorizerPermission for <api>/authorizers/*, unless DisableFunctionDefaultPermissions', () => {
    const t = (disable: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
      Auth:
        Authorizers:
          Tok: { FunctionArn: !GetAtt AuthFn.Arn${disable} }
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: . }
`;
    const policyOf = (text: string) =>
      parse(text).output.Resources.find((r) => r.ResourceType === 'AWS::Lambda::Function')?.Policy.Policy as
        | { Statement: Record<string, unknown>[] }
        | undefined;
    const st = policyOf(t(''))!.Statement;
    expect(st).toHaveLength(1);
    expect(st[0].Principal).toEqual({ Service: 'apigateway.amazonaws.com' });
    expect(st[0].Resource).toBe('arn:aws:lambda:us-east-1:123456789012:function:AuthFn');
    expect(JSON.stringify(st[0].Condition)).toMatch(
      /execute-api:us-east-1:123456789012:[^"]+\/authorizers\/\*/,
    );
    expect(policyOf(t(', DisableFunctionDefaultPermissions: true'))).toBeUndefined();
  });
});

/**
 * WebSocket APIs: API Gateway may invoke each route's function for that route of the stage.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-websocketapi.html
 */
describe('WebSocket API routes', () => {
  it('$connect and a named route each give <Api><Route>Permission for <api-id>/<stage>/<route>', () => {
    const x = parse(`Transform: AWS::Serverless-2016-10-31
Resources:
  Ws:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      StageName: live
      RouteSelectionExpression: $request.body.action
      Routes:
        $connect: { FunctionArn: !GetAtt Fn.Arn }
        send: { FunctionArn: !GetAtt Fn.Arn }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: . }
`);
    const fn = x.output.Resources.find((r) => r.ResourceType === 'AWS::Lambda::Function')!;
    const arns = (
      fn.Policy.Policy as { Statement: { Condition: { ArnLike: Record<string, string> } }[] }
    ).Statement.map((s) => s.Condition.ArnLike['AWS:SourceArn']);
    expect(arns).toHaveLength(2);
    expect(arns[0]).toMatch(/^arn:aws:execute-api:us-east-1:123456789012:.+\/live\/\$connect$/);
    expect(arns[1]).toMatch(/\/live\/send$/);
  });
  it('a CUSTOM authorizer of $connect lets API Gateway invoke its function for <api-id>/authorizers/*, unless InvokeRole', () => {
    const t = (extra: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Ws:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      RouteSelectionExpression: $request.body.action
      Auth: { AuthType: CUSTOM, AuthArn: !GetAtt Authz.Arn${extra} }
      Routes:
        $connect: { FunctionArn: !GetAtt Fn.Arn }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: . }
  Authz:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: . }
`;
    const authz = (text: string) =>
      parse(text).output.Resources.find(
        (r) => r.ResourceType === 'AWS::Lambda::Function' && r.ResourceName === 'Authz',
      );
    const st = (
      authz(t(''))!.Policy.Policy as {
        Statement: { Principal: unknown; Condition: { ArnLike: Record<string, string> } }[];
      }
    ).Statement;
    expect(st).toHaveLength(1);
    expect(st[0].Principal).toEqual({ Service: 'apigateway.amazonaws.com' });
    expect(st[0].Condition.ArnLike['AWS:SourceArn']).toMatch(
      /^arn:aws:execute-api:us-east-1:123456789012:.+\/authorizers\/\*$/,
    );
    expect(authz(t(", InvokeRole: 'arn:aws:iam::123456789012:role/invoker'"))).toBeUndefined();
  });
});

/**
 * GraphQL APIs: the logging role, each data source's role with its connector's policy, and the
 * Lambda authorizers' permissions SAM generates.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-graphqlapi.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-graphqlapi.html
 */
describe('GraphQL APIs', () => {
  const api = (extra: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Gql:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaInline: 'type Query { a: String }'
${extra}
  Resolver:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, CodeUri: . }
`;
  const roles = (text: string) => Object.fromEntries(parse(text).output.Roles.map((r) => [r.RoleName, r]));

  it('logs through <Api>CloudWatchRole (trusted by AppSync, AWSAppSyncPushToCloudWatchLogs) unless Logging is false or names a role', () => {
    const r = roles(api('      Auth: { Type: AWS_IAM }'));
    expect(r.GqlCloudWatchRole.TrustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['appsync.amazonaws.com'] } },
      ],
    });
    expect(parse(api('      Auth: { Type: AWS_IAM }')).unresolvedManagedPolicies.map((u) => u.arn)).toContain(
      'arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs',
    );
    expect(
      roles(api('      Auth: { Type: AWS_IAM }\n      Logging: false')).GqlCloudWatchRole,
    ).toBeUndefined();
    expect(
      roles(
        api(
          "      Auth: { Type: AWS_IAM }\n      Logging: { CloudWatchLogsRoleArn: 'arn:aws:iam::123456789012:role/logs' }",
        ),
      ).GqlCloudWatchRole,
    ).toBeUndefined();
  });

  it('a DynamoDB data source gets a role whose connector policy reads (only, with Permissions: [Read]) the table; one with ServiceRoleArn none', () => {
    const r = roles(
      api(`      Auth: { Type: AWS_IAM }
      Logging: false
      DataSources:
        DynamoDb:
          Orders: { TableName: orders, Permissions: [Read] }
          Own: { TableName: own, ServiceRoleArn: 'arn:aws:iam::123456789012:role/mine' }`),
    );
    expect(Object.keys(r)).toContain('GqlOrdersDynamoDBDataSourceRole');
    expect(Object.keys(r).filter((k) => k.startsWith('GqlOwn'))).toEqual([]);
    const [policy] = r.GqlOrdersDynamoDBDataSourceRole.Policies;
    expect(policy.Name).toBe('GqlOrdersDynamoDBDataSourceToTableConnectorPolicy');
    const doc = policy.Policy as { Statement: { Action: string[]; Resource: string[] }[] };
    expect(doc.Statement).toHaveLength(1);
    expect(doc.Statement[0].Action).toContain('dynamodb:GetItem');
    expect(doc.Statement[0].Action).not.toContain('dynamodb:PutItem');
    expect(doc.Statement[0].Resource).toEqual([
      'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
      'arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/*',
    ]);
  });

  it('a Lambda data source may invoke its function; a Lambda authorizer lets AppSync invoke the authorizer', () => {
    const x = parse(
      api(`      Logging: false
      Auth:
        Type: AWS_LAMBDA
        LambdaAuthorizer: { AuthorizerUri: !GetAtt Resolver.Arn }
      DataSources:
        Lambda:
          Fn: { FunctionArn: !GetAtt Resolver.Arn }`),
    );
    const role = x.output.Roles.find((r) => r.RoleName === 'GqlFnLambdaDataSourceRole')!;
    expect(JSON.stringify(role.Policies[0].Policy)).toContain('"lambda:InvokeFunction"');
    const fn = x.output.Resources.find((r) => r.ResourceType === 'AWS::Lambda::Function')!;
    const st = (fn.Policy.Policy as { Statement: Record<string, unknown>[] }).Statement;
    expect(st).toHaveLength(1);
    expect(st[0].Principal).toEqual({ Service: 'appsync.amazonaws.com' });
    const origins = x.policies.map((p) => p.origin).filter(Boolean);
    expect(origins).toContain('SAM connector GqlToLambdaAuthConnector1');
    expect(origins).toContain('SAM connector GqlFnLambdaDataSourceToLambdaConnector');
  });
});

/**
 * Poll-based event sources: the inline statements SAM adds to the function's role.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-selfmanagedkafka.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-msk.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-kinesis.html
 * https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html (the secret, VPC and KMS permissions a Kafka poller needs)
 */
describe('poll-based event source policies', () => {
  const fnWith = (events: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: .
      Events:
${events}
`;
  const policies = (text: string) => {
    const x = parse(text);
    const r = x.output.Roles.find((r) => r.RoleName === 'FnRole')!;
    const origin = new Map(x.policies.map((p) => [p.policyName, p.origin]));
    return Object.fromEntries(
      r.Policies.filter((p) => !p.IsAWSManagedPolicy).map((p) => [
        p.Name,
        { doc: p.Policy, origin: origin.get(p.Name) },
      ]),
    ) as Record<
      string,
      { doc: { Version?: string; Statement: { Action: unknown; Resource: unknown }[] }; origin?: string }
    >;
  };
  const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka-AbCdEf';

  it('SelfManagedKafka: the auth secret, the network calls with a VPC, kms:Decrypt on the secret key', () => {
    const p = policies(
      fnWith(`        Kafka:
          Type: SelfManagedKafka
          Properties:
            KafkaBootstrapServers: ['b1:9092']
            Topics: [orders]
            SecretsManagerKmsKeyId: 1111-2222
            SourceAccessConfigurations:
              - { Type: SASL_SCRAM_512_AUTH, URI: '${SECRET}' }
              - { Type: VPC_SUBNET, URI: subnet:subnet-1 }
              - { Type: VPC_SECURITY_GROUP, URI: security_group:sg-1 }`),
    );
    const k = p.SelfManagedKafkaExecutionRolePolicy;
    expect(k.origin).toBe('SAM SelfManagedKafka event source Kafka');
    expect(k.doc.Version).toBe('2012-10-17');
    expect(k.doc.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [['secretsmanager:GetSecretValue'], SECRET],
      [
        [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DeleteNetworkInterface',
          'ec2:DescribeVpcs',
          'ec2:DescribeSubnets',
          'ec2:DescribeSecurityGroups',
        ],
        '*',
      ],
      [['kms:Decrypt'], 'arn:aws:kms:us-east-1:123456789012:key/1111-2222'],
    ]);
  });

  it('MSK with a Glue schema registry and an S3 on-failure destination; no policy for MSK without either', () => {
    const p = policies(
      fnWith(`        Stream:
          Type: MSK
          Properties:
            Stream: arn:aws:kafka:us-east-1:123456789012:cluster/c/abc
            StartingPosition: LATEST
            Topics: [t]
            SchemaRegistryConfig:
              SchemaRegistryURI: arn:aws:glue:us-east-1:123456789012:registry/reg1
              EventRecordFormat: JSON
              SchemaValidationConfigs: [{ Attribute: VALUE }]
            DestinationConfig:
              OnFailure: { Type: S3, Destination: 'arn:aws:s3:::failed' }`),
    );
    expect(p.MSKExecutionRolePolicy.doc.Version).toBeUndefined();
    expect(p.MSKExecutionRolePolicy.doc.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      [['glue:GetRegistry'], 'arn:aws:glue:us-east-1:123456789012:registry/reg1'],
      [['glue:GetSchemaVersion'], ['arn:aws:glue:us-east-1:123456789012:schema/reg1/*']],
    ]);
    expect(p.FnStreamS3Policy.doc.Statement.map((s) => [s.Action, s.Resource])).toEqual([
      ['s3:PutObject', 'arn:aws:s3:::failed/*'],
      ['s3:ListBucket', 'arn:aws:s3:::failed'],
    ]);
    const plain = policies(
      fnWith(`        Stream:
          Type: MSK
          Properties: { Stream: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/abc', StartingPosition: LATEST, Topics: [t] }`),
    );
    expect(Object.keys(plain)).toEqual([]);
    // a SelfManagedKafka event with nothing to grant adds no empty policy
    const bare = policies(
      fnWith(`        K:
          Type: SelfManagedKafka
          Properties: { KafkaBootstrapServers: ['b1:9092'], Topics: [t] }`),
    );
    expect(Object.keys(bare)).toEqual([]);
  });

  it('Kinesis OnFailure SQS gives <Function><Event>SQSPolicy; MQ with DynamicPolicyName is <Function><Event>AMQPolicy', () => {
    const p = policies(
      fnWith(`        Ks:
          Type: Kinesis
          Properties:
            Stream: arn:aws:kinesis:us-east-1:123456789012:stream/s
            StartingPosition: LATEST
            DestinationConfig:
              OnFailure: { Type: SQS, Destination: 'arn:aws:sqs:us-east-1:123456789012:dlq' }
        Broker:
          Type: MQ
          Properties:
            Broker: arn:aws:mq:us-east-1:123456789012:broker:b:b-1
            Queues: [q]
            DynamicPolicyName: true
            SourceAccessConfigurations: [{ Type: BASIC_AUTH, URI: '${SECRET}' }]`),
    );
    expect(Object.keys(p).sort()).toEqual(['FnBrokerAMQPolicy', 'FnKsSQSPolicy']);
    expect(p.FnKsSQSPolicy.doc.Statement).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
    ]);
    expect(p.FnBrokerAMQPolicy.doc.Version).toBeUndefined();
  });
});

/**
 * Capacity providers: SAM's operator role, unless OperatorRole is given (or in Globals).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-capacityprovider.html
 */
describe('capacity providers', () => {
  const t = (props: string, globals = '') => `Transform: AWS::Serverless-2016-10-31
${globals}Resources:
  Cp:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
${props}`;
  it('<Id>OperatorRole, trusted by Lambda, with AWSLambdaManagedEC2ResourceOperator; none with OperatorRole', () => {
    const x = parse(t(''));
    expect(x.output.Roles.map((r) => r.RoleName)).toEqual(['CpOperatorRole']);
    expect(x.output.Roles[0].TrustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
      ],
    });
    expect(x.unresolvedManagedPolicies.map((u) => u.arn)).toEqual([
      'arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator',
    ]);
    const own = "      OperatorRole: 'arn:aws:iam::123456789012:role/op'\n";
    expect(parse(t(own)).output.Roles).toEqual([]);
    expect(
      parse(t('', `Globals:\n  CapacityProvider:\n${own.replace('      ', '    ')}`)).output.Roles,
    ).toEqual([]);
  });
});

/**
 * State machine aliases. The ARNs are those of the Return values sections:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachinealias.html#aws-resource-stepfunctions-statemachinealias-return-values
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachineversion.html#aws-resource-stepfunctions-statemachineversion-return-values
 * SAM: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html#sam-statemachine-usealiasaseventtarget
 */
describe('state machine aliases', () => {
  it('Ref of a StateMachineVersion / StateMachineAlias is the state machine ARN qualified by the version / alias name', () => {
    const x = parse(`Resources:
  Sm:
    Type: AWS::StepFunctions::StateMachine
    Properties: { StateMachineName: flow, RoleArn: 'arn:aws:iam::123456789012:role/x', DefinitionString: '{}' }
  SmVersion:
    Type: AWS::StepFunctions::StateMachineVersion
    Properties: { StateMachineArn: !Ref Sm }
  SmAlias:
    Type: AWS::StepFunctions::StateMachineAlias
    Properties:
      Name: live
      RoutingConfiguration: [{ StateMachineVersionArn: !Ref SmVersion, Weight: 100 }]
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{ Effect: Allow, Action: states:StartExecution, Resource: [!Ref SmAlias, !Ref SmVersion] }]
`);
    const doc = x.output.Roles[0].Policies[0].Policy as { Statement: { Resource: string[] }[] };
    expect(doc.Statement[0].Resource).toEqual([
      'arn:aws:states:us-east-1:123456789012:stateMachine:flow:live',
      'arn:aws:states:us-east-1:123456789012:stateMachine:flow:1',
    ]);
  });
  it('with AutoPublishAlias and UseAliasAsEventTarget, event roles may start the alias, else the state machine', () => {
    const t = (use: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Name: flow
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      AutoPublishAlias: live
${use}      Events:
        Tick: { Type: Schedule, Properties: { Schedule: rate(1 hour) } }
`;
    const resourceOf = (text: string) =>
      (
        parse(text).output.Roles.find((r) => r.RoleName === 'FlowTickRole')!.Policies[0].Policy as {
          Statement: { Resource: string }[];
        }
      ).Statement[0].Resource;
    expect(resourceOf(t('      UseAliasAsEventTarget: true\n'))).toBe(
      'arn:aws:states:us-east-1:123456789012:stateMachine:flow:live',
    );
    expect(resourceOf(t(''))).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:flow');
  });
});
