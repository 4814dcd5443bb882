/**
 * Parameters, template configuration, conditions on resources and dynamic references.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html
 */
import { describe, expect, it } from 'vitest';
import { errorOf, parse, resourceOf, roleWithResource, warningsOf } from './helpers.js';

describe('parameter values', () => {
  const t = roleWithResource(
    '!Ref Arn',
    'Parameters:\n  Arn: { Type: String, Default: "arn:aws:s3:::default/*" }',
  );
  it('uses the Default, and --parameters overrides it', () => {
    expect(resourceOf(t)).toBe('arn:aws:s3:::default/*');
    expect(resourceOf(t, { parameters: { Arn: 'arn:aws:s3:::given/*' } })).toBe('arn:aws:s3:::given/*');
  });
  it('a parameter a policy needs but without a value: a located warning naming it and a marked placeholder (issue 11)', () => {
    const t = roleWithResource('!Ref Bucket', 'Parameters:\n  Bucket: { Type: String }');
    expect(resourceOf(t)).toBe('{{UNRESOLVED Ref Bucket}}');
    const [w] = warningsOf(t);
    expect(w).toMatch(
      /^template\.yaml:\d+:\d+: parameter "Bucket" has no value \(pass --parameters Bucket=VALUE/,
    );
  });
  it('a parameter without a value used only in a Condition or a non-policy property is no error', () => {
    const t = `${roleWithResource("'*'", 'Parameters:\n  Env: { Type: String }\n  Sg: { Type: String }\nConditions:\n  Prod: !Equals [!Ref Env, prod]')}  Fn:\n    Type: AWS::Lambda::Function\n    Condition: Prod\n    Properties: { VpcConfig: { SecurityGroupIds: [!Ref Sg] } }\n`;
    expect(resourceOf(t)).toBe('*');
    expect(parse(t).output.Roles).toHaveLength(1);
  });
  it('an unreferenced parameter without a value is fine', () => {
    expect(resourceOf(roleWithResource("'*'", 'Parameters:\n  Unused: { Type: String }'))).toBe('*');
  });
  it('CommaDelimitedList and List<> parameters are lists', () => {
    const list = roleWithResource('!Ref Arns', 'Parameters:\n  Arns: { Type: CommaDelimitedList }');
    expect(resourceOf(list, { parameters: { Arns: 'arn:aws:s3:::a, arn:aws:s3:::b' } })).toEqual([
      'arn:aws:s3:::a',
      'arn:aws:s3:::b',
    ]);
  });
  it('AllowedValues are enforced, and NoEcho values are not printed', () => {
    const t2 = roleWithResource(
      '!Ref Env',
      'Parameters:\n  Env: { Type: String, AllowedValues: [dev, prod], NoEcho: true }',
    );
    const m = errorOf(t2, { parameters: { Env: 'secret-value' } });
    expect(m).toMatch(/not one of its AllowedValues/);
    expect(m).not.toContain('secret-value');
    expect(resourceOf(t2, { parameters: { Env: 'prod' } })).toBe('prod');
  });
  it('AWS::SSM::Parameter::Value<String> reads the named SSM parameter from --ssm-parameters', () => {
    const t3 = roleWithResource(
      '!Ref P',
      "Parameters:\n  P: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /cfg/arn }",
    );
    expect(resourceOf(t3, { ssmParameters: { '/cfg/arn': 'arn:aws:s3:::from-ssm' } })).toBe(
      'arn:aws:s3:::from-ssm',
    );
    // Without --ssm-parameters: the passed value, plus a note (cfn-policy-validator uses the value).
    expect(resourceOf(t3)).toBe('/cfg/arn');
    expect(warningsOf(t3)[0]).toMatch(
      /SSM parameter "\/cfg\/arn" cannot be read offline, so its name is used as the value/,
    );
  });
});

describe('dynamic references (as cfn-policy-validator: ssm needs a version unless allowed)', () => {
  const t = roleWithResource("'{{resolve:ssm:/cfg/bucket:3}}'");
  const nov = roleWithResource("'{{resolve:ssm:/cfg/bucket}}'");
  it('resolves a versioned reference from --ssm-parameters', () => {
    expect(resourceOf(t, { ssmParameters: { '/cfg/bucket:3': 'arn:aws:s3:::b3' } })).toBe('arn:aws:s3:::b3');
  });
  it('rejects an unversioned one unless --allow-dynamic-ref-without-version', () => {
    expect(errorOf(nov, { ssmParameters: { '/cfg/bucket': 'x' } })).toMatch(
      /has no version.*allow-dynamic-ref-without-version/,
    );
    expect(
      resourceOf(nov, { ssmParameters: { '/cfg/bucket': 'x' }, allowDynamicRefWithoutVersion: true }),
    ).toBe('x');
  });
});

describe('conditions on resources and properties', () => {
  const tpl = (env: string) => `Parameters:
  Env: { Type: String, Default: ${env} }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ProdOnly:
    Type: AWS::IAM::ManagedPolicy
    Condition: IsProd
    Properties:
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: s3:*, Resource: '*' }] }
  Always:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: !If [IsProd, prod, !Ref AWS::NoValue]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: '*'
          - !If
            - IsProd
            - { Effect: Allow, Action: s3:PutObject, Resource: '*' }
            - !Ref AWS::NoValue
`;
  it('drops a resource whose condition is false, and statements under AWS::NoValue', () => {
    const prod = parse(tpl('prod')).output.OrphanedPolicies.map((p) => p.Name);
    const dev = parse(tpl('dev')).output;
    expect(prod).toEqual(['ProdOnly', 'Always']);
    expect(dev.OrphanedPolicies.map((p) => p.Name)).toEqual(['Always']);
    expect((dev.OrphanedPolicies[0].Policy as { Statement: unknown[] }).Statement).toHaveLength(1);
  });
  it('referencing a resource that is not created is a located error', () => {
    const t = `${tpl('dev')}  User:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns: [!Ref ProdOnly]
`;
    expect(errorOf(t)).toMatch(/"ProdOnly" is not created: its condition IsProd is false/);
  });
});
