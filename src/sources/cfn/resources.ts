/**
 * What `Ref` and `Fn::GetAtt` return for template resources, and the ARN formats used to build
 * realistic values. ARN formats come from the service reference through the catalog; this file
 * only says which catalog resource type a CloudFormation type corresponds to.
 * Return values: each type's page under
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 * Partitions and URL suffixes: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 */
import { getResourceType, listResourceTypes } from '../../catalog/index.js';

export interface Account {
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
}

/** The partition a Region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/** The domain suffix of the partition (`AWS::URLSuffix`). */
export function urlSuffixOf(partition: string): string {
  switch (partition) {
    case 'aws-cn':
      return 'amazonaws.com.cn';
    case 'aws-iso':
      return 'c2s.ic.gov';
    case 'aws-iso-b':
      return 'sc2s.sgov.gov';
    default:
      return 'amazonaws.com';
  }
}

export function isValidRegion(region: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region);
}

/**
 * Resource types whose `Ref` returns an ARN (per each type's "Return values" section).
 */
export const REF_RETURNS_ARN = new Set([
  'AWS::SNS::Topic',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::OIDCProvider',
  'AWS::IAM::SAMLProvider',
  'AWS::SecretsManager::Secret',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::StepFunctions::StateMachine',
  'AWS::StepFunctions::Activity',
  'AWS::Lambda::LayerVersion',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::CertificateManager::Certificate',
  'AWS::SSO::PermissionSet',
  'AWS::Batch::JobQueue',
  'AWS::Batch::JobDefinition',
  'AWS::Batch::ComputeEnvironment',
  'AWS::CodeArtifact::Domain',
  'AWS::CodeArtifact::Repository',
  'AWS::Serverless::StateMachine',
  'AWS::Serverless::LayerVersion',
]);

/** The property that names the resource, when `Ref` returns that name. */
export const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::KinesisFirehose::DeliveryStream': 'DeliveryStreamName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::OpenSearchService::Domain': 'DomainName',
  'AWS::Elasticsearch::Domain': 'DomainName',
  'AWS::S3::AccessPoint': 'Name',
  'AWS::Lambda::LayerVersion': 'LayerName',
  'AWS::Serverless::LayerVersion': 'LayerName',
  'AWS::CodeArtifact::Domain': 'DomainName',
  'AWS::CodeArtifact::Repository': 'RepositoryName',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::CloudTrail::Trail': 'TrailName',
  'AWS::ApiGateway::RestApi': 'Name',
  'AWS::Serverless::Api': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::Glue::Database': 'DatabaseInput.Name',
  'AWS::SSO::PermissionSet': 'Name',
  'AWS::S3Express::DirectoryBucket': 'BucketName',
  'AWS::S3Tables::TableBucket': 'TableBucketName',
};

/**
 * CloudFormation type -> catalog resource type (service prefix and resource key) for the `Arn`
 * attribute (and for `Ref` where Ref returns an ARN). Types not listed are matched by name.
 */
const ARN_TYPE: Record<string, [string, string]> = {
  'AWS::S3::Bucket': ['s3', 'bucket'],
  'AWS::S3::AccessPoint': ['s3', 'accesspoint'],
  'AWS::SQS::Queue': ['sqs', 'queue'],
  'AWS::SNS::Topic': ['sns', 'topic'],
  'AWS::KMS::Key': ['kms', 'key'],
  'AWS::KMS::Alias': ['kms', 'alias'],
  'AWS::Lambda::Function': ['lambda', 'function'],
  'AWS::Serverless::Function': ['lambda', 'function'],
  'AWS::Lambda::LayerVersion': ['lambda', 'layerversion'],
  'AWS::Serverless::LayerVersion': ['lambda', 'layerversion'],
  'AWS::Lambda::Alias': ['lambda', 'function alias'],
  'AWS::Lambda::Version': ['lambda', 'function version'],
  'AWS::IAM::Role': ['iam', 'role'],
  'AWS::IAM::User': ['iam', 'user'],
  'AWS::IAM::Group': ['iam', 'group'],
  'AWS::IAM::ManagedPolicy': ['iam', 'policy'],
  'AWS::IAM::InstanceProfile': ['iam', 'instance-profile'],
  'AWS::IAM::OIDCProvider': ['iam', 'oidc-provider'],
  'AWS::IAM::SAMLProvider': ['iam', 'saml-provider'],
  'AWS::DynamoDB::Table': ['dynamodb', 'table'],
  'AWS::DynamoDB::GlobalTable': ['dynamodb', 'table'],
  'AWS::Serverless::SimpleTable': ['dynamodb', 'table'],
  'AWS::SecretsManager::Secret': ['secretsmanager', 'secret'],
  'AWS::ECR::Repository': ['ecr', 'repository'],
  'AWS::OpenSearchService::Domain': ['es', 'domain'],
  'AWS::Elasticsearch::Domain': ['es', 'domain'],
  'AWS::Events::EventBus': ['events', 'event-bus'],
  'AWS::Events::Rule': ['events', 'rule-on-default-event-bus'],
  'AWS::EFS::FileSystem': ['elasticfilesystem', 'file-system'],
  'AWS::EFS::AccessPoint': ['elasticfilesystem', 'access-point'],
  'AWS::RDS::DBInstance': ['rds', 'db'],
  'AWS::RDS::DBCluster': ['rds', 'cluster'],
  'AWS::Cognito::IdentityPool': ['cognito-identity', 'identitypool'],
  'AWS::StepFunctions::StateMachine': ['states', 'statemachine'],
  'AWS::Serverless::StateMachine': ['states', 'statemachine'],
  'AWS::StepFunctions::Activity': ['states', 'activity'],
  'AWS::Logs::LogGroup': ['logs', 'log-group'],
  'AWS::Kinesis::Stream': ['kinesis', 'stream'],
  'AWS::KinesisFirehose::DeliveryStream': ['firehose', 'deliverystream'],
  'AWS::CloudTrail::Trail': ['cloudtrail', 'trail'],
  'AWS::Backup::BackupVault': ['backup', 'backupvault'],
  'AWS::CodeArtifact::Domain': ['codeartifact', 'domain'],
  'AWS::CodeArtifact::Repository': ['codeartifact', 'repository'],
  'AWS::SSM::Parameter': ['ssm', 'parameter'],
  'AWS::ECS::Cluster': ['ecs', 'cluster'],
  'AWS::ECS::Service': ['ecs', 'service'],
  'AWS::ECS::TaskDefinition': ['ecs', 'task-definition'],
  'AWS::CertificateManager::Certificate': ['acm', 'certificate'],
  'AWS::SSO::PermissionSet': ['sso', 'PermissionSet'],
  'AWS::S3Express::DirectoryBucket': ['s3express', 'bucket'],
  'AWS::S3Tables::TableBucket': ['s3tables', 'TableBucket'],
};

/** CloudFormation service names that differ from the IAM service prefix. */
const SERVICE_PREFIX: Record<string, string> = {
  OpenSearchService: 'es',
  Elasticsearch: 'es',
  StepFunctions: 'states',
  KinesisFirehose: 'firehose',
  CertificateManager: 'acm',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
  ApiGateway: 'apigateway',
  ApiGatewayV2: 'apigateway',
  Cognito: 'cognito-idp',
  SecretsManager: 'secretsmanager',
  CloudWatch: 'cloudwatch',
  EC2: 'ec2',
  Serverless: 'lambda',
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The ARN format for a CloudFormation type, or undefined when unknown. */
export function arnFormatFor(cfnType: string): string | undefined {
  const known = ARN_TYPE[cfnType];
  if (known) return getResourceType(known[0], known[1])?.arn.split(',')[0].trim();
  const parts = cfnType.split('::');
  if (parts.length !== 3) return undefined;
  const service = SERVICE_PREFIX[parts[1]] ?? parts[1].toLowerCase();
  const want = norm(parts[2]);
  for (const rt of listResourceTypes(service)) {
    if (norm(rt.name) === want) return rt.arn.split(',')[0].trim();
  }
  return undefined;
}

/**
 * Fills an ARN format: Partition, Region and Account from the account; `...WithPath` from the
 * path and name; every other placeholder with the resource's name (what cfn-policy-validator does:
 * policy checks do not depend on resource names).
 */
export function fillArn(format: string, account: Account, name: string, path = '/'): string {
  return format.replace(/\$\{([^}]*)\}/g, (_m, v: string) => {
    if (v === 'Partition') return account.partition;
    if (v === 'Region') return account.region;
    if (v === 'Account') return account.accountId;
    if (v.endsWith('WithPath')) return `${path.replace(/^\//, '')}${name}`;
    if (v.endsWith('WithoutLeadingSlash')) return name.replace(/^\//, '');
    return name;
  });
}

/** A deterministic stand-in for an identifier AWS generates (key ids, role ids ...). */
export function fakeId(seed: string, length: number, alphabet = '0123456789abcdef'): string {
  let h = 2166136261;
  let out = '';
  for (let i = 0; out.length < length; i++) {
    h ^= seed.charCodeAt(i % Math.max(1, seed.length)) + i;
    h = Math.imul(h, 16777619) >>> 0;
    out += alphabet[h % alphabet.length];
  }
  return out;
}
