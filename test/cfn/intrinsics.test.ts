// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * Intrinsic functions and pseudo parameters, each in its YAML short form and (where the long
 * form differs) its JSON long form.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
import { describe, expect, it } from 'vitest';
import { cidrSubnets } from '../../src/sources/cfn/template.js';
import { errorOf, resourceOf, warningsOf } from './helpers.js';

const QUEUE = `  Queue:
    Type: AWS::SQS::Queue
`;
const withQueue = (resource: string, extra = '') => `${resourceOfTemplate(resource, extra)}${QUEUE}`;
function resourceOfTemplate(resource: string, extra: string) {
  return `${extra}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: ${resource}
`;
}

describe('Ref (intrinsic-function-reference-ref.html)', () => {
  it('resolves a parameter to its value and a queue to its URL', () => {
    const t = withQueue('[!Ref P, !Ref Queue]', 'Parameters:\n  P: { Type: String, Default: dflt }');
    expect(resourceOf(t)).toEqual(['dflt', 'https://sqs.us-east-1.amazonaws.com/123456789012/Queue']);
  });
  it('resolves a resource with a name property to that name', () => {
    const t = `${withQueue('!Ref Bucket')}  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: my-bucket }\n`;
    expect(resourceOf(t)).toBe('my-bucket');
  });
  it('returns the ARN for types whose Ref is an ARN (SNS topic)', () => {
    const t = `${withQueue('!Ref Topic')}  Topic:\n    Type: AWS::SNS::Topic\n`;
    expect(resourceOf(t)).toBe('arn:aws:sns:us-east-1:123456789012:Topic');
  });
});

describe('Fn::GetAtt (intrinsic-function-reference-getatt.html)', () => {
  it('accepts the dotted string form and the list form', () => {
    expect(resourceOf(withQueue('!GetAtt Queue.Arn'))).toBe('arn:aws:sqs:us-east-1:123456789012:Queue');
    expect(resourceOf(withQueue('!GetAtt [Queue, Arn]'))).toBe('arn:aws:sqs:us-east-1:123456789012:Queue');
    expect(resourceOf(withQueue('{ "Fn::GetAtt": [Queue, QueueName] }'))).toBe('Queue');
  });
  it('includes the role path in a role ARN', () => {
    const t = `${withQueue('!GetAtt Other.Arn')}  Other:
    Type: AWS::IAM::Role
    Properties: { Path: /svc/, RoleName: worker, AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } }
`;
    expect(resourceOf(t)).toBe('arn:aws:iam::123456789012:role/svc/worker');
  });
  it('builds the Arn of common types from the service reference ARN formats', () => {
    const cases: Array<[string, string, string]> = [
      [
        'AWS::DynamoDB::Table',
        '{ TableName: orders }',
        'arn:aws:dynamodb:us-east-1:123456789012:table/orders',
      ],
      ['AWS::Lambda::Function', '{ FunctionName: fn }', 'arn:aws:lambda:us-east-1:123456789012:function:fn'],
      [
        'AWS::Logs::LogGroup',
        '{ LogGroupName: /app/x }',
        'arn:aws:logs:us-east-1:123456789012:log-group:/app/x:*',
      ],
      [
        'AWS::SSM::Parameter',
        '{ Name: /app/x, Type: String, Value: v }',
        'arn:aws:ssm:us-east-1:123456789012:parameter/app/x',
      ],
      ['AWS::Events::Rule', '{}', 'arn:aws:events:us-east-1:123456789012:rule/X'],
      ['AWS::StepFunctions::StateMachine', '{}', 'arn:aws:states:us-east-1:123456789012:stateMachine:X'],
      ['AWS::Kinesis::Stream', '{ Name: s }', 'arn:aws:kinesis:us-east-1:123456789012:stream/s'],
      [
        'AWS::IAM::ManagedPolicy',
        '{ Path: /p/, PolicyDocument: {} }',
        'arn:aws:iam::123456789012:policy/p/X',
      ],
    ];
    for (const [type, props, arn] of cases) {
      const t = `${withQueue('!GetAtt X.Arn')}  X:\n    Type: ${type}\n    Properties: ${props}\n`;
      expect(resourceOf(t), type).toBe(arn);
    }
  });
  it('an attribute the specification does not list: located warning and placeholder, not an abort', () => {
    expect(resourceOf(withQueue('!GetAtt Queue.Nope'))).toBe('{{UNRESOLVED Queue.Nope}}');
    expect(warningsOf(withQueue('!GetAtt Queue.Nope'))[0]).toMatch(
      /^template\.yaml:\d+:\d+: Fn::GetAtt Queue\.Nope: AWS::SQS::Queue has no attribute Nope in the CloudFormation resource specification/,
    );
  });
});

describe('Fn::Sub (intrinsic-function-reference-sub.html)', () => {
  it('substitutes pseudo parameters, attributes and its own variables, and keeps ${!Literal}', () => {
    const t = withQueue(
      `!Sub ['arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Queue.QueueName}/\${x}/\${!Literal}', { x: !Ref AWS::StackName }]`,
    );
    expect(resourceOf(t)).toBe('arn:aws:sqs:us-east-1:123456789012:Queue/StackName/${Literal}');
  });
  it('long form with a plain string', () => {
    expect(resourceOf(withQueue('{ "Fn::Sub": "${Queue.Arn}" }'))).toBe(
      'arn:aws:sqs:us-east-1:123456789012:Queue',
    );
  });
});

describe('list and string functions', () => {
  it('Fn::Join, Fn::Select, Fn::Split', () => {
    expect(resourceOf(withQueue("!Join ['', ['arn:', !Ref AWS::Partition, ':sqs:*']]"))).toBe(
      'arn:aws:sqs:*',
    );
    expect(resourceOf(withQueue("!Select [1, ['a', 'b', 'c']]"))).toBe('b');
    expect(resourceOf(withQueue("!Select [2, !Split ['/', 'x/y/z']]"))).toBe('z');
  });
  it('Fn::Select out of range is a located error', () => {
    expect(errorOf(withQueue("!Select [5, ['a']]"))).toMatch(/Fn::Select index 5 is outside the list/);
  });
  it('Fn::Base64 encodes UTF-8 (intrinsic-function-reference-base64.html)', () => {
    expect(resourceOf(withQueue('!Base64 hello'))).toBe('aGVsbG8=');
  });
  it('Fn::GetAZs lists zones of the Region (intrinsic-function-reference-getavailabilityzones.html)', () => {
    expect(resourceOf(withQueue("!Select [0, !GetAZs '']"), { region: 'eu-west-1' })).toBe('eu-west-1a');
    expect(resourceOf(withQueue('!Select [1, !GetAZs ]'), { region: 'eu-west-1' })).toBe('eu-west-1b');
    expect(resourceOf(withQueue('!Select [2, !GetAZs us-west-2]'))).toBe('us-west-2c');
  });
  it('Fn::Cidr splits a block (intrinsic-function-reference-cidr.html example: 192.168.0.0/24, 6 subnets, 5 bits)', () => {
    expect(cidrSubnets('192.168.0.0/24', 6, 5)).toEqual([
      '192.168.0.0/27',
      '192.168.0.32/27',
      '192.168.0.64/27',
      '192.168.0.96/27',
      '192.168.0.128/27',
      '192.168.0.160/27',
    ]);
    expect(resourceOf(withQueue("!Select [1, !Cidr ['10.0.0.0/16', 2, 8]]"))).toBe('10.0.1.0/24');
    expect(cidrSubnets('2001:db8::/56', 2, 64)).toEqual(['2001:db8::/64', '2001:db8:0:1::/64']);
  });
  it('Fn::FindInMap, with the DefaultValue of AWS::LanguageExtensions', () => {
    const maps = "Mappings:\n  M:\n    us-east-1: { Arn: 'arn:aws:sqs:us-east-1:1:q' }";
    expect(resourceOf(withQueue('!FindInMap [M, !Ref AWS::Region, Arn]', maps))).toBe(
      'arn:aws:sqs:us-east-1:1:q',
    );
    expect(resourceOf(withQueue("!FindInMap [M, x, y, { DefaultValue: '*' }]", maps))).toBe('*');
    expect(errorOf(withQueue('!FindInMap [M, x, y]', maps))).toMatch(/Mappings has no M > x > y/);
  });
  it('Fn::ImportValue uses --import-values and otherwise says how to supply the export', () => {
    const t = withQueue('!ImportValue shared-queue-arn');
    expect(resourceOf(t, { importValues: { 'shared-queue-arn': 'arn:aws:sqs:us-east-1:1:q' } })).toBe(
      'arn:aws:sqs:us-east-1:1:q',
    );
    expect(resourceOf(t)).toBe('{{UNRESOLVED ImportValue shared-queue-arn}}');
    expect(warningsOf(t)[0]).toMatch(/Fn::ImportValue "shared-queue-arn".*--import-values/);
  });
});

describe('condition functions (intrinsic-function-reference-conditions.html)', () => {
  const conds = (env: string) => `Parameters:
  Env: { Type: String, Default: ${env} }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsNotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [a, a]]
  Either: { "Fn::Or": [{ Condition: IsNotProd }, !Equals [a, b]] }`;
  it('Fn::If picks the branch of Fn::Equals / Fn::Not / Fn::And / Fn::Or / Condition', () => {
    const r = '[!If [IsProd, p, np], !If [IsNotProd, np2, p2], !If [Both, both, nb], !If [Either, e, ne]]';
    expect(resourceOf(withQueue(r, conds('prod')))).toEqual(['p', 'p2', 'both', 'ne']);
    expect(resourceOf(withQueue(r, conds('dev')))).toEqual(['np', 'np2', 'nb', 'e']);
  });
  it('AWS::NoValue removes the element', () => {
    const r = "['a', !If [IsProd, !Ref AWS::NoValue, 'b']]";
    expect(resourceOf(withQueue(r, conds('prod')))).toEqual(['a']);
    expect(resourceOf(withQueue(r, conds('dev')))).toEqual(['a', 'b']);
  });
});

describe('pseudo parameters (pseudo-parameter-reference.html)', () => {
  const all = '!Sub "${AWS::AccountId}|${AWS::Region}|${AWS::Partition}|${AWS::URLSuffix}|${AWS::StackName}"';
  it('default account 123456789012, partition and URL suffix from the Region', () => {
    expect(resourceOf(withQueue(all))).toBe('123456789012|us-east-1|aws|amazonaws.com|StackName');
    expect(resourceOf(withQueue(all), { region: 'cn-north-1', accountId: '111122223333' })).toBe(
      '111122223333|cn-north-1|aws-cn|amazonaws.com.cn|StackName',
    );
    expect(resourceOf(withQueue(all), { region: 'us-gov-west-1', stackName: 'prod' })).toBe(
      '123456789012|us-gov-west-1|aws-us-gov|amazonaws.com|prod',
    );
  });
  it('AWS::StackId is a stack ARN and AWS::NotificationARNs a list', () => {
    expect(resourceOf(withQueue('!Ref AWS::StackId'))).toMatch(
      /^arn:aws:cloudformation:us-east-1:123456789012:stack\/StackName\/[0-9a-f-]{36}$/,
    );
    expect(resourceOf(withQueue('!Ref AWS::NotificationARNs'))).toEqual([]);
  });
  it('a GetAtt ARN follows the partition', () => {
    expect(resourceOf(withQueue('!GetAtt Queue.Arn'), { region: 'cn-north-1' })).toBe(
      'arn:aws-cn:sqs:cn-north-1:123456789012:Queue',
    );
  });
});
