/**
 * Resource types a resource-based policy can be validated for (Access Analyzer's
 * ValidatePolicyResourceType plus common resource policies), and the services whose actions
 * and ARNs such a policy may contain.
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html
 */
import { TRUST_POLICY_RESOURCE_TYPE } from './types.js';

export interface ResourceServices {
  /** Service prefixes whose actions and ARNs the policy may name. */
  services: string[];
  /** When set, the only actions allowed (lowercase `service:action`). */
  actions?: string[];
}

const TABLE: Record<string, ResourceServices> = {
  'AWS::S3::Bucket': { services: ['s3'] },
  'AWS::S3::AccessPoint': { services: ['s3'] },
  'AWS::S3::MultiRegionAccessPoint': { services: ['s3'] },
  'AWS::S3ObjectLambda::AccessPoint': { services: ['s3-object-lambda', 's3'] },
  'AWS::S3Express::DirectoryBucket': { services: ['s3express'] },
  'AWS::S3Tables::TableBucket': { services: ['s3tables'] },
  'AWS::S3Tables::Table': { services: ['s3tables'] },
  'AWS::DynamoDB::Table': { services: ['dynamodb'] },
  'AWS::DynamoDB::Stream': { services: ['dynamodb'] },
  'AWS::KMS::Key': { services: ['kms'] },
  'AWS::SQS::Queue': { services: ['sqs'] },
  'AWS::SNS::Topic': { services: ['sns'] },
  'AWS::SecretsManager::Secret': { services: ['secretsmanager'] },
  'AWS::Lambda::Function': { services: ['lambda'] },
  'AWS::ECR::Repository': { services: ['ecr'] },
  'AWS::EFS::FileSystem': { services: ['elasticfilesystem'] },
  'AWS::Kinesis::Stream': { services: ['kinesis'] },
  'AWS::Backup::BackupVault': { services: ['backup'] },
  'AWS::ApiGateway::RestApi': { services: ['execute-api'] },
  'AWS::CodeArtifact::Domain': { services: ['codeartifact'] },
  'AWS::OpenSearchService::Domain': { services: ['es'] },
  // Role trust policies: the actions that assume a role or set session data.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html
  [TRUST_POLICY_RESOURCE_TYPE]: { services: ['sts'] },
};

/** The services a resource type's policy may name; undefined for types not in the table. */
export function resourceServices(resourceType: string | undefined): ResourceServices | undefined {
  return resourceType ? TABLE[resourceType] : undefined;
}

export function knownResourceTypes(): string[] {
  return Object.keys(TABLE);
}
