// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * Extraction of identity policies and of every supported resource-policy type, in
 * cfn-policy-validator's parse output shape (ResourceName, ResourceType, Policy.Name).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/AWS_IAM.html
 * Each resource type's page under https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 */
import { describe, expect, it } from 'vitest';
import { SUPPORTED_RESOURCE_POLICY_TYPES } from '../../src/sources/cfn/index.js';
import { parse } from './helpers.js';

const DOC =
  "{ Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { AWS: '111122223333' }, Action: '*', Resource: '*' }] }";
const IDOC =
  "{ Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:GetObject', Resource: '*' }] }";
const TRUST =
  "{ Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }";

describe('identity policies', () => {
  const t = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app
      Path: /svc/
      AssumeRolePolicyDocument: ${TRUST}
      Policies: [{ PolicyName: inline, PolicyDocument: ${IDOC} }]
      ManagedPolicyArns: [!Ref Managed]
  User:
    Type: AWS::IAM::User
    Properties: { Policies: [{ PolicyName: u, PolicyDocument: ${IDOC} }] }
  Group:
    Type: AWS::IAM::Group
    Properties: { GroupName: ops }
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties: { ManagedPolicyName: shared, Path: /team/, PolicyDocument: ${IDOC} }
  Attached:
    Type: AWS::IAM::Policy
    Properties: { PolicyName: attached, PolicyDocument: ${IDOC}, Roles: [!Ref Role], Users: [!Ref User], Groups: [ops] }
  Orphan:
    Type: AWS::IAM::ManagedPolicy
    Properties: { PolicyDocument: ${IDOC} }
  PS:
    Type: AWS::SSO::PermissionSet
    Properties: { Name: admins, InstanceArn: 'arn:aws:sso:::instance/ssoins-1', InlinePolicy: ${IDOC} }
`;
  const out = parse(t).output;
  it('roles carry trust policy, path, inline, managed (by Ref ARN) and AWS::IAM::Policy attachments', () => {
    expect(out.Roles).toHaveLength(1);
    const r = out.Roles[0];
    expect([r.RoleName, r.RolePath]).toEqual(['app', '/svc/']);
    expect((r.TrustPolicy as { Statement: unknown[] }).Statement).toHaveLength(1);
    expect(r.Policies.map((p) => [p.Name, p.Path])).toEqual([
      ['inline', '/'],
      ['shared', '/team/'],
      ['attached', '/'],
    ]);
  });
  it('users and groups (name defaulting to the logical id) receive attached policies', () => {
    expect(out.Users.map((u) => [u.UserName, u.Policies.map((p) => p.Name)])).toEqual([
      ['User', ['u', 'attached']],
    ]);
    expect(out.Groups.map((g) => [g.GroupName, g.Policies.map((p) => p.Name)])).toEqual([
      ['ops', ['attached']],
    ]);
  });
  it('managed policies attached to nobody are orphaned; names default to the logical id', () => {
    expect(out.OrphanedPolicies.map((p) => p.Name)).toEqual(['Orphan']);
  });
  it('permission sets keep their inline policy', () => {
    expect(out.PermissionSets.map((p) => [p.Name, p.Policies.map((x) => x.Name)])).toEqual([
      ['admins', ['InlinePolicy']],
    ]);
  });
  it('every policy is listed once for checking, the trust policy as a resource policy of the role document type', () => {
    const x = parse(t);
    const names = x.policies.map((p) => `${p.kind}:${p.resourceName}:${p.policyName}`);
    expect(names).toContain('TRUST_POLICY:app:TrustPolicy');
    expect(names.filter((n) => n.endsWith(':attached'))).toHaveLength(1);
    expect(x.policies.find((p) => p.kind === 'TRUST_POLICY')?.resourceType).toBe(
      'AWS::IAM::AssumeRolePolicyDocument',
    );
  });
});

describe('AWS::IAM::RolePolicy / UserPolicy / GroupPolicy and policies written as JSON strings', () => {
  const t = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: { RoleName: app, AssumeRolePolicyDocument: ${TRUST} }
  RP:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref Role
      PolicyName: extra
      PolicyDocument: !Sub '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:\${AWS::Partition}:s3:::b/*"}]}'
  UP:
    Type: AWS::IAM::UserPolicy
    Properties: { UserName: someone-else, PolicyName: lone, PolicyDocument: ${IDOC} }
`;
  it('attaches to the named principal, or is orphaned when the principal is not in the template', () => {
    const out = parse(t).output;
    expect(out.Roles[0].Policies.map((p) => p.Name)).toEqual(['extra']);
    expect(out.Roles[0].Policies[0].Policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
    expect(out.OrphanedPolicies.map((p) => p.Name)).toEqual(['lone']);
    expect(parse(t).policies.find((p) => p.policyName === 'lone')?.resourceName).toBe('No resource attached');
  });
  it('a policy string that is not JSON is a located error', () => {
    const bad = t.replace('"Version": "2012-10-17",', '"Version": ');
    expect(() => parse(bad)).toThrow(/template\.yaml:\d+:\d+: the policy is a string that is not valid JSON/);
  });
});

const RESOURCES = `
  Bucket: { Type: AWS::S3::Bucket }
  Queue: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }
  Topic: { Type: AWS::SNS::Topic }
  Fn: { Type: AWS::Lambda::Function, Properties: { FunctionName: worker } }
  Secret: { Type: AWS::SecretsManager::Secret, Properties: { Name: db } }
`;
const cases: Array<[string, string, string, string, string]> = [
  // [resource yaml, expected ResourceName, ResourceType, Policy.Name, a string in the policy]
  [
    `Type: AWS::S3::BucketPolicy\n    Properties: { Bucket: !Ref Bucket, PolicyDocument: ${DOC} }`,
    'Bucket',
    'AWS::S3::Bucket',
    'BucketPolicy',
    '111122223333',
  ],
  [
    `Type: AWS::SQS::QueuePolicy\n    Properties: { Queues: [!Ref Queue], PolicyDocument: ${DOC} }`,
    'jobs',
    'AWS::SQS::Queue',
    'QueuePolicy',
    '111122223333',
  ],
  [
    `Type: AWS::SNS::TopicPolicy\n    Properties: { Topics: [!Ref Topic], PolicyDocument: ${DOC} }`,
    'Topic',
    'AWS::SNS::Topic',
    'TopicPolicy',
    '111122223333',
  ],
  [
    `Type: AWS::KMS::Key\n    Properties: { KeyPolicy: ${DOC} }`,
    'X',
    'AWS::KMS::Key',
    'KeyPolicy',
    '111122223333',
  ],
  [
    "Type: AWS::Lambda::Permission\n    Properties: { FunctionName: !GetAtt Fn.Arn, Action: lambda:InvokeFunction, Principal: s3.amazonaws.com, SourceAccount: '123456789012', SourceArn: !GetAtt Bucket.Arn }",
    'worker',
    'AWS::Lambda::Function',
    'PermissionsPolicy',
    '"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::Bucket"}',
  ],
  [
    "Type: AWS::Lambda::LayerVersionPermission\n    Properties: { LayerVersionArn: 'arn:aws:lambda:us-east-1:123456789012:layer:libs:3', Action: lambda:GetLayerVersion, Principal: '*', OrganizationId: o-abc }",
    'libs:3',
    'AWS::Lambda::LayerVersion',
    'LayerVersionPermission',
    '"aws:PrincipalOrgID":"o-abc"',
  ],
  [
    `Type: AWS::SecretsManager::ResourcePolicy\n    Properties: { SecretId: !Ref Secret, ResourcePolicy: ${DOC} }`,
    'db',
    'AWS::SecretsManager::Secret',
    'ResourcePolicy',
    '111122223333',
  ],
  [
    `Type: AWS::ECR::Repository\n    Properties: { RepositoryName: images, RepositoryPolicyText: ${DOC} }`,
    'images',
    'AWS::ECR::Repository',
    'RepositoryPolicy',
    '111122223333',
  ],
  [
    `Type: AWS::OpenSearchService::Domain\n    Properties: { AccessPolicies: ${DOC} }`,
    'X',
    'AWS::OpenSearchService::Domain',
    'AccessPolicies',
    '111122223333',
  ],
  [
    `Type: AWS::Elasticsearch::Domain\n    Properties: { DomainName: logs, AccessPolicies: ${DOC} }`,
    'logs',
    'AWS::Elasticsearch::Domain',
    'AccessPolicies',
    '111122223333',
  ],
  [
    `Type: AWS::ApiGateway::RestApi\n    Properties: { Name: api, Policy: ${DOC} }`,
    'api',
    'AWS::ApiGateway::RestApi',
    'Policy',
    '111122223333',
  ],
  [
    `Type: AWS::S3::AccessPoint\n    Properties: { Bucket: !Ref Bucket, Name: ap, Policy: ${DOC} }`,
    'ap',
    'AWS::S3::AccessPoint',
    'AccessPointPolicy',
    '111122223333',
  ],
  [
    `Type: AWS::S3::MultiRegionAccessPointPolicy\n    Properties: { MrapName: mrap, Policy: ${DOC} }`,
    'mrap',
    'AWS::S3::MultiRegionAccessPoint',
    'MultiRegionAccessPointPolicy',
    '111122223333',
  ],
  [
    "Type: AWS::Events::EventBusPolicy\n    Properties: { StatementId: s, Action: 'events:PutEvents', Principal: '111122223333' }",
    'default',
    'AWS::Events::EventBus',
    'EventBusPolicy',
    'arn:aws:iam::111122223333:root',
  ],
  [
    `Type: AWS::Events::EventBus\n    Properties: { Name: bus, Policy: ${DOC} }`,
    'bus',
    'AWS::Events::EventBus',
    'EventBusPolicy',
    '111122223333',
  ],
  [
    `Type: AWS::Backup::BackupVault\n    Properties: { BackupVaultName: vault, AccessPolicy: ${DOC} }`,
    'vault',
    'AWS::Backup::BackupVault',
    'AccessPolicy',
    '111122223333',
  ],
  [
    `Type: AWS::CodeArtifact::Domain\n    Properties: { DomainName: dom, PermissionsPolicyDocument: ${DOC} }`,
    'dom',
    'AWS::CodeArtifact::Domain',
    'PermissionsPolicyDocument',
    '111122223333',
  ],
  [
    `Type: AWS::DynamoDB::Table\n    Properties: { TableName: t, KeySchema: [], ResourcePolicy: { PolicyDocument: ${DOC} } }`,
    't',
    'AWS::DynamoDB::Table',
    'ResourcePolicy',
    '111122223333',
  ],
];

describe('resource policies', () => {
  for (const [yaml, name, type, policyName, contains] of cases) {
    it(`${yaml.split('\n')[0].replace('Type: ', '')} -> ${type} ${policyName}`, () => {
      const out = parse(`Resources:${RESOURCES}  X:\n    ${yaml}\n`).output;
      expect(out.Resources).toHaveLength(1);
      const [r] = out.Resources;
      expect([r.ResourceName, r.ResourceType, r.Policy.Name]).toEqual([name, type, policyName]);
      expect(JSON.stringify(r.Policy.Policy)).toContain(contains);
    });
  }
  it('every listed resource-policy type has a case here', () => {
    const tested = new Set(cases.map((c) => /Type: (\S+)/.exec(c[0])![1]));
    const untested = SUPPORTED_RESOURCE_POLICY_TYPES.filter((t) => !tested.has(t));
    // Types handled by the generic property table, covered by one representative each above.
    expect(untested.every((t) => /CodeArtifact|CloudTrail|S3Express|S3Tables|Kinesis|Logs/.test(t))).toBe(
      true,
    );
  });
  it('--exclude-resource-types skips a type', () => {
    const t = `Resources:${RESOURCES}  X:\n    ${cases[0][0]}\n`;
    expect(parse(t, { excludeResourceTypes: ['AWS::S3::BucketPolicy'] }).output.Resources).toEqual([]);
  });
  it('Lambda permissions for one function are merged into one policy', () => {
    const perm = (p: string) =>
      `Type: AWS::Lambda::Permission\n    Properties: { FunctionName: worker, Action: lambda:InvokeFunction, Principal: '${p}' }`;
    const out = parse(
      `Resources:${RESOURCES}  A:\n    ${perm('111122223333')}\n  B:\n    ${perm('sns.amazonaws.com')}\n`,
    ).output;
    expect(out.Resources).toHaveLength(1);
    const doc = out.Resources[0].Policy.Policy as { Statement: { Principal: unknown; Resource: string }[] };
    expect(doc.Statement.map((s) => s.Principal)).toEqual([
      { AWS: '111122223333' },
      { Service: 'sns.amazonaws.com' },
    ]);
    expect(doc.Statement[0].Resource).toBe('arn:aws:lambda:us-east-1:123456789012:function:worker');
  });
});
