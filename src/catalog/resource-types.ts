/**
 * Resource types that carry a resource-based policy: one record per type, the only place such
 * facts live. `validate`, the proof commands and `cfn` accept exactly these types (and their
 * aliases); anything else is an error with a did-you-mean.
 *
 * Sources:
 * - Access Analyzer's ValidatePolicy `validatePolicyResourceType` valid values
 *   https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html
 * - Access Analyzer's CheckNoPublicAccess `resourceType` valid values
 *   https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html
 * - cfn-policy-validator's resource types for access previews and check-no-public-access
 *   https://github.com/awslabs/aws-cloudformation-iam-policy-validator
 * - ARN formats: the Service Authorization Reference, through the catalog (`getResourceType`)
 * - the property holding the policy: each type's page in the CloudFormation resource reference
 *   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
 */
import { distance } from 'fastest-levenshtein';
import { getResourceType } from './index.js';

/** Where a CloudFormation template keeps a type's policy. */
export interface CfnPolicyProperty {
  /** The CloudFormation resource that holds the policy (the type itself, or a separate policy resource). */
  resource: string;
  /** Its property holding the policy document; absent for permission resources (each one is a statement). */
  property?: string;
}

export interface ResourceTypeRecord {
  /** The CloudFormation type name, e.g. `AWS::S3::Bucket` (the name every command reports). */
  type: string;
  /** Other names accepted for the same type, e.g. Access Analyzer's `AWS::S3::Glacier`. */
  aliases?: readonly string[];
  /** Service prefixes whose actions (and ARNs) the policy may name. */
  services: readonly string[];
  /** The service reference resource type of the resource itself: [service prefix, resource key]. */
  arn?: readonly [string, string];
  /** Where CloudFormation keeps the policy (one or more ways); absent when no template property holds one. */
  cfnPolicy?: readonly CfnPolicyProperty[];
  /** A role trust policy: validated with the trust-policy checks. */
  trust?: boolean;
  /** Access Analyzer's ValidatePolicy runs its type-specific checks for it (`validatePolicyResourceType`). */
  validateResourceType?: boolean;
  /** Access Analyzer's CheckNoPublicAccess accepts it (under this name or an alias). */
  checkNoPublicAccess?: boolean;
  /** cfn-policy-validator runs an access preview (external access finding) for it. */
  cfnExternalAccess?: boolean;
  /** cfn-policy-validator's check-no-public-access checks it. */
  cfnPublicAccess?: boolean;
  /** The documented quota on the policy's size, in characters. */
  maxPolicySize?: number;
}

/** The role trust policy pseudo-type Access Analyzer uses. */
export const TRUST_POLICY_RESOURCE_TYPE = 'AWS::IAM::AssumeRolePolicyDocument';

const KB = 1024;

const RECORDS: readonly ResourceTypeRecord[] = [
  {
    type: 'AWS::S3::Bucket',
    services: ['s3'],
    arn: ['s3', 'bucket'],
    cfnPolicy: [{ resource: 'AWS::S3::BucketPolicy', property: 'PolicyDocument' }],
    validateResourceType: true,
    checkNoPublicAccess: true,
    cfnExternalAccess: true,
    cfnPublicAccess: true,
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html (20 KB)
    maxPolicySize: 20 * KB,
  },
  {
    type: 'AWS::S3::AccessPoint',
    services: ['s3'],
    arn: ['s3', 'accesspoint'],
    cfnPolicy: [{ resource: 'AWS::S3::AccessPoint', property: 'Policy' }],
    validateResourceType: true,
    checkNoPublicAccess: true,
    cfnPublicAccess: true,
  },
  {
    type: 'AWS::S3::MultiRegionAccessPoint',
    services: ['s3'],
    arn: ['s3', 'multiregionaccesspoint'],
    cfnPolicy: [{ resource: 'AWS::S3::MultiRegionAccessPointPolicy', property: 'Policy' }],
    validateResourceType: true,
  },
  {
    type: 'AWS::S3ObjectLambda::AccessPoint',
    services: ['s3-object-lambda', 's3'],
    arn: ['s3-object-lambda', 'objectlambdaaccesspoint'],
    cfnPolicy: [{ resource: 'AWS::S3ObjectLambda::AccessPointPolicy', property: 'PolicyDocument' }],
    validateResourceType: true,
  },
  {
    type: 'AWS::Glacier::Vault',
    aliases: ['AWS::S3::Glacier'],
    services: ['glacier'],
    arn: ['glacier', 'vault'],
    // Vault access policies are not a CloudFormation property (AWS::Glacier::Vault has none).
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::S3Express::DirectoryBucket',
    services: ['s3express'],
    arn: ['s3express', 'bucket'],
    cfnPolicy: [{ resource: 'AWS::S3Express::BucketPolicy', property: 'PolicyDocument' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::S3Express::AccessPoint',
    services: ['s3express'],
    arn: ['s3express', 'accesspoint'],
    cfnPolicy: [{ resource: 'AWS::S3Express::AccessPoint', property: 'Policy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::S3Outposts::Bucket',
    services: ['s3-outposts'],
    arn: ['s3-outposts', 'bucket'],
    cfnPolicy: [{ resource: 'AWS::S3Outposts::BucketPolicy', property: 'PolicyDocument' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::S3Outposts::AccessPoint',
    services: ['s3-outposts'],
    arn: ['s3-outposts', 'accesspoint'],
    cfnPolicy: [{ resource: 'AWS::S3Outposts::AccessPoint', property: 'Policy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::S3Tables::TableBucket',
    services: ['s3tables'],
    arn: ['s3tables', 'TableBucket'],
    cfnPolicy: [{ resource: 'AWS::S3Tables::TableBucketPolicy', property: 'ResourcePolicy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::S3Tables::Table',
    services: ['s3tables'],
    arn: ['s3tables', 'Table'],
    cfnPolicy: [{ resource: 'AWS::S3Tables::TablePolicy', property: 'ResourcePolicy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::DynamoDB::Table',
    services: ['dynamodb'],
    arn: ['dynamodb', 'table'],
    cfnPolicy: [{ resource: 'AWS::DynamoDB::Table', property: 'ResourcePolicy' }],
    validateResourceType: true,
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::DynamoDB::Stream',
    services: ['dynamodb'],
    arn: ['dynamodb', 'stream'],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::KMS::Key',
    services: ['kms'],
    arn: ['kms', 'key'],
    cfnPolicy: [{ resource: 'AWS::KMS::Key', property: 'KeyPolicy' }],
    checkNoPublicAccess: true,
    cfnExternalAccess: true,
    cfnPublicAccess: true,
    // https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html (32 KB)
    maxPolicySize: 32 * KB,
  },
  {
    type: 'AWS::SQS::Queue',
    services: ['sqs'],
    arn: ['sqs', 'queue'],
    cfnPolicy: [{ resource: 'AWS::SQS::QueuePolicy', property: 'PolicyDocument' }],
    checkNoPublicAccess: true,
    cfnExternalAccess: true,
    cfnPublicAccess: true,
  },
  {
    type: 'AWS::SNS::Topic',
    services: ['sns'],
    arn: ['sns', 'topic'],
    cfnPolicy: [{ resource: 'AWS::SNS::TopicPolicy', property: 'PolicyDocument' }],
    checkNoPublicAccess: true,
    cfnPublicAccess: true,
  },
  {
    type: 'AWS::SecretsManager::Secret',
    services: ['secretsmanager'],
    arn: ['secretsmanager', 'Secret'],
    cfnPolicy: [{ resource: 'AWS::SecretsManager::ResourcePolicy', property: 'ResourcePolicy' }],
    checkNoPublicAccess: true,
    cfnExternalAccess: true,
    cfnPublicAccess: true,
    // https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html (20 KB)
    maxPolicySize: 20 * KB,
  },
  {
    type: 'AWS::Lambda::Function',
    services: ['lambda'],
    arn: ['lambda', 'function'],
    cfnPolicy: [{ resource: 'AWS::Lambda::Permission' }],
    checkNoPublicAccess: true,
    cfnPublicAccess: true,
    // https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (20 KB)
    maxPolicySize: 20 * KB,
  },
  {
    type: 'AWS::Lambda::LayerVersion',
    services: ['lambda'],
    arn: ['lambda', 'layerVersion'],
    cfnPolicy: [{ resource: 'AWS::Lambda::LayerVersionPermission' }],
  },
  {
    type: TRUST_POLICY_RESOURCE_TYPE,
    // The role itself: its trust policy is the AssumeRolePolicyDocument property.
    aliases: ['AWS::IAM::Role'],
    // The actions that assume a role or set session data.
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
    services: ['sts'],
    arn: ['iam', 'role'],
    cfnPolicy: [{ resource: 'AWS::IAM::Role', property: 'AssumeRolePolicyDocument' }],
    trust: true,
    validateResourceType: true,
    checkNoPublicAccess: true,
    cfnExternalAccess: true,
    cfnPublicAccess: true,
  },
  {
    type: 'AWS::ECR::Repository',
    services: ['ecr'],
    arn: ['ecr', 'repository'],
    cfnPolicy: [{ resource: 'AWS::ECR::Repository', property: 'RepositoryPolicyText' }],
  },
  {
    type: 'AWS::EFS::FileSystem',
    services: ['elasticfilesystem'],
    arn: ['elasticfilesystem', 'file-system'],
    cfnPolicy: [{ resource: 'AWS::EFS::FileSystem', property: 'FileSystemPolicy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::OpenSearchService::Domain',
    services: ['es'],
    arn: ['es', 'domain'],
    cfnPolicy: [{ resource: 'AWS::OpenSearchService::Domain', property: 'AccessPolicies' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::Elasticsearch::Domain',
    services: ['es'],
    arn: ['es', 'domain'],
    cfnPolicy: [{ resource: 'AWS::Elasticsearch::Domain', property: 'AccessPolicies' }],
  },
  {
    type: 'AWS::Kinesis::Stream',
    services: ['kinesis'],
    arn: ['kinesis', 'stream'],
    cfnPolicy: [{ resource: 'AWS::Kinesis::ResourcePolicy', property: 'ResourcePolicy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::Kinesis::StreamConsumer',
    services: ['kinesis'],
    arn: ['kinesis', 'consumer'],
    cfnPolicy: [{ resource: 'AWS::Kinesis::ResourcePolicy', property: 'ResourcePolicy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::Backup::BackupVault',
    services: ['backup'],
    arn: ['backup', 'backupVault'],
    cfnPolicy: [{ resource: 'AWS::Backup::BackupVault', property: 'AccessPolicy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::ApiGateway::RestApi',
    services: ['execute-api'],
    arn: ['execute-api', 'execute-api-general'],
    cfnPolicy: [{ resource: 'AWS::ApiGateway::RestApi', property: 'Policy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::CodeArtifact::Domain',
    services: ['codeartifact'],
    arn: ['codeartifact', 'domain'],
    cfnPolicy: [{ resource: 'AWS::CodeArtifact::Domain', property: 'PermissionsPolicyDocument' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::CodeArtifact::Repository',
    services: ['codeartifact'],
    arn: ['codeartifact', 'repository'],
    cfnPolicy: [{ resource: 'AWS::CodeArtifact::Repository', property: 'PermissionsPolicyDocument' }],
  },
  {
    type: 'AWS::CloudTrail::Dashboard',
    services: ['cloudtrail'],
    arn: ['cloudtrail', 'dashboard'],
    cfnPolicy: [{ resource: 'AWS::CloudTrail::ResourcePolicy', property: 'ResourcePolicy' }],
    checkNoPublicAccess: true,
  },
  {
    type: 'AWS::CloudTrail::EventDataStore',
    services: ['cloudtrail'],
    arn: ['cloudtrail', 'eventdatastore'],
    cfnPolicy: [{ resource: 'AWS::CloudTrail::ResourcePolicy', property: 'ResourcePolicy' }],
    checkNoPublicAccess: true,
  },
  {
    // A CloudTrail resource policy whose resource (channel, dashboard or event data store) the
    // template names by ARN.
    type: 'AWS::CloudTrail::ResourcePolicy',
    services: ['cloudtrail'],
    arn: ['cloudtrail', 'channel'],
    cfnPolicy: [{ resource: 'AWS::CloudTrail::ResourcePolicy', property: 'ResourcePolicy' }],
  },
  {
    type: 'AWS::Events::EventBus',
    services: ['events'],
    arn: ['events', 'event-bus'],
    cfnPolicy: [
      { resource: 'AWS::Events::EventBus', property: 'Policy' },
      { resource: 'AWS::Events::EventBusPolicy', property: 'Statement' },
    ],
  },
  {
    type: 'AWS::Logs::Destination',
    services: ['logs'],
    arn: ['logs', 'destination'],
    cfnPolicy: [{ resource: 'AWS::Logs::Destination', property: 'DestinationPolicy' }],
  },
  {
    // The account-wide CloudWatch Logs resource policy (which services may write to log groups).
    type: 'AWS::Logs::ResourcePolicy',
    services: ['logs'],
    arn: ['logs', 'log-group'],
    cfnPolicy: [{ resource: 'AWS::Logs::ResourcePolicy', property: 'PolicyDocument' }],
  },
];

const BY_NAME = new Map<string, ResourceTypeRecord>();
for (const r of RECORDS) for (const name of [r.type, ...(r.aliases ?? [])]) BY_NAME.set(name, r);

/** Every record, in a stable order. */
export function resourceTypeRecords(): readonly ResourceTypeRecord[] {
  return RECORDS;
}

/** Every accepted name (types and aliases). */
export function resourceTypeNames(): string[] {
  return [...BY_NAME.keys()];
}

/** The record of a type (or alias), by its exact, case-sensitive name. */
export function resourceTypeRecord(name: string | undefined): ResourceTypeRecord | undefined {
  return name === undefined ? undefined : BY_NAME.get(name);
}

/** True for a role trust policy's type (or its alias `AWS::IAM::Role`). */
export function isTrustPolicyType(name: string | undefined): boolean {
  return resourceTypeRecord(name)?.trust === true;
}

export type ResolvedResourceType =
  | { ok: true; record: ResourceTypeRecord }
  | { ok: false; message: string; suggestion?: string };

const SHAPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

/**
 * A user's resource type: its record, or why it is not one, with the closest known name when one
 * is near. AWS's type names are case-sensitive, so a miscapitalized name is an error too.
 * The message starts with the quoted value, for the caller to prefix (`--resource-type: `).
 */
export function resolveResourceType(input: string): ResolvedResourceType {
  const record = BY_NAME.get(input);
  if (record) return { ok: true, record };
  const lower = input.toLowerCase();
  const names = [...BY_NAME.keys()];
  const same = names.find((k) => k.toLowerCase() === lower);
  if (same)
    return {
      ok: false,
      suggestion: same,
      message: `"${input}" is not a resource type; did you mean ${same}?`,
    };
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of names) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const near =
    best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 5)) ? best : undefined;
  if (!SHAPE.test(input)) {
    return {
      ok: false,
      suggestion: near,
      message: `"${input}" is not a resource type (AWS::Service::Type, e.g. AWS::S3::Bucket)${near ? `; did you mean ${near}?` : ''}`,
    };
  }
  return {
    ok: false,
    suggestion: near,
    message: near
      ? `"${input}" is not a resource type leastpriv knows; did you mean ${near}?`
      : `"${input}" is not a resource type leastpriv knows (the known types are listed in docs/checks.md, "Resource types")`,
  };
}

const PROBE_VALUES: Record<string, string> = {
  // The key id format of the KMS examples: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-id
  KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
  TableID: '12345678-1234-1234-1234-123456789012',
  OutpostId: 'op-01234567890abcdef',
  FileSystemId: 'fs-01234567',
  ApiId: 'a1b2c3d4e5',
  Stage: 'prod',
  Method: 'GET',
  ApiSpecificResourcePath: 'leastpriv-probe',
  StreamType: 'stream',
  ConsumerCreationTimpstamp: '1700000000',
  LayerVersion: '1',
  ChannelId: '01234567-89ab-cdef-0123-456789abcdef',
  EventDataStoreId: '01234567-89ab-cdef-0123-456789abcdef',
  SecretId: 'leastpriv-probe-AbCdEf',
  StreamLabel: '2024-01-01T00:00:00.000',
};

export interface ProbeOptions {
  partition?: string;
  region?: string;
  account?: string;
}

/**
 * A realistic ARN of a resource of this type (for counterexamples): the service reference's ARN
 * format with its placeholders filled in; names become `leastpriv-probe`.
 */
export function probeArn(record: ResourceTypeRecord, options: ProbeOptions = {}): string | undefined {
  if (!record.arn) return undefined;
  const format = getResourceType(record.arn[0], record.arn[1])?.arn;
  if (!format) return undefined;
  const values: Record<string, string> = {
    Partition: options.partition ?? 'aws',
    Region: options.region ?? 'us-east-1',
    Account: options.account ?? '111122223333',
    ...PROBE_VALUES,
  };
  return format.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name: string) => values[name] ?? 'leastpriv-probe');
}
