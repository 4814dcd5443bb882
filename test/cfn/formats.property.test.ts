// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * JSON and YAML are two spellings of one template: the same policies come out of both, and the
 * long and short forms of an intrinsic function resolve alike.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parse } from './helpers.js';

const action = fc.constantFrom(
  's3:GetObject',
  'sqs:SendMessage',
  'kms:Decrypt',
  'dynamodb:Query',
  'sns:Publish',
);
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const resource = fc.oneof(
  fc.constant('*'),
  name.map((n) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${n}/*` })),
  fc.constant({ 'Fn::GetAtt': ['Queue', 'Arn'] }),
  fc.constant({
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':sns:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        ':t',
      ],
    ],
  }),
  fc.constant({ 'Fn::If': ['IsProd', 'arn:aws:s3:::prod/*', { Ref: 'AWS::NoValue' }] }),
);
const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.oneof(action, fc.array(action, { minLength: 1, maxLength: 3 })),
  Resource: fc.array(resource, { minLength: 1, maxLength: 3 }),
});
const template = fc.array(statement, { minLength: 1, maxLength: 4 }).map((Statement) => ({
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } },
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue' },
    Policy: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Version: '2012-10-17', Statement } },
    },
  },
}));

describe('JSON and YAML give the same extraction', () => {
  it('long-form JSON, long-form YAML', () => {
    fc.assert(
      fc.property(template, fc.constantFrom('us-east-1', 'eu-west-1', 'cn-north-1'), (t, region) => {
        const fromJson = parse(JSON.stringify(t, null, 2), { region }).output;
        const fromYaml = parse(stringify(t), { region }).output;
        expect(fromYaml).toEqual(fromJson);
        expect(JSON.stringify(fromJson)).not.toMatch(/Fn::|"Ref"/);
      }),
      { numRuns: 60 },
    );
  });
  it('short forms resolve like long forms', () => {
    const short = `Resources:
  Queue: { Type: AWS::SQS::Queue }
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: [!GetAtt Queue.Arn, !Sub '\${Queue.Arn}', !Join [':', [!Ref AWS::Region, !Select [0, !Split [',', 'a,b']]]]]
`;
    const long = `Resources:
  Queue: { Type: AWS::SQS::Queue }
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource:
              - { "Fn::GetAtt": [Queue, Arn] }
              - { "Fn::Sub": '\${Queue.Arn}' }
              - { "Fn::Join": [':', [{ Ref: AWS::Region }, { "Fn::Select": [0, { "Fn::Split": [',', 'a,b'] }] }]] }
`;
    expect(parse(short).output).toEqual(parse(long).output);
    const doc = parse(short).output.OrphanedPolicies[0].Policy as { Statement: { Resource: string[] }[] };
    expect(doc.Statement[0].Resource).toEqual([
      'arn:aws:sqs:us-east-1:123456789012:Queue',
      'arn:aws:sqs:us-east-1:123456789012:Queue',
      'us-east-1:a',
    ]);
  });
});
