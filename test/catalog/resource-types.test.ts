import { readFileSync } from 'node:fs';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { afterAll, describe, expect, it } from 'vitest';
import { resourceTypesForArn } from '../../src/catalog/index.js';
import {
  isTrustPolicyType,
  probeArn,
  resolveResourceType,
  resourceTypeNames,
  resourceTypeRecord,
  resourceTypeRecords,
} from '../../src/catalog/resource-types.js';
import { EXTERNAL_ACCESS_TYPES, PUBLIC_ACCESS_TYPES } from '../../src/pipelines/cfn.js';
import { parsePolicyValue } from '../../src/policy/parse.js';
import {
  checkNoPublicAccess,
  reasonResourceTypes,
  servicesForResourceType,
  shutdownSolver,
} from '../../src/reason/index.js';
import { SUPPORTED_RESOURCE_POLICY_TYPES } from '../../src/sources/cfn/extract.js';

afterAll(async () => {
  await shutdownSolver();
});

// https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoPublicAccess.html
// (request body, resourceType, "Valid Values")
const CHECK_NO_PUBLIC_ACCESS_TYPES = [
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::Stream',
  'AWS::EFS::FileSystem',
  'AWS::OpenSearchService::Domain',
  'AWS::Kinesis::Stream',
  'AWS::Kinesis::StreamConsumer',
  'AWS::KMS::Key',
  'AWS::Lambda::Function',
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3Express::DirectoryBucket',
  'AWS::S3::Glacier',
  'AWS::S3Outposts::Bucket',
  'AWS::S3Outposts::AccessPoint',
  'AWS::SecretsManager::Secret',
  'AWS::SNS::Topic',
  'AWS::SQS::Queue',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::S3Tables::TableBucket',
  'AWS::ApiGateway::RestApi',
  'AWS::CodeArtifact::Domain',
  'AWS::Backup::BackupVault',
  'AWS::CloudTrail::Dashboard',
  'AWS::CloudTrail::EventDataStore',
  'AWS::S3Tables::Table',
  'AWS::S3Express::AccessPoint',
];

// https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html
// (request body, validatePolicyResourceType, "Valid Values")
const VALIDATE_POLICY_RESOURCE_TYPES = [
  'AWS::S3::Bucket',
  'AWS::S3::AccessPoint',
  'AWS::S3::MultiRegionAccessPoint',
  'AWS::S3ObjectLambda::AccessPoint',
  'AWS::IAM::AssumeRolePolicyDocument',
  'AWS::DynamoDB::Table',
];

describe('resource types: one record per type, the same for every command', () => {
  it('every CheckNoPublicAccess type is known and marked (Glacier under both names)', () => {
    for (const t of CHECK_NO_PUBLIC_ACCESS_TYPES) {
      const r = resolveResourceType(t);
      expect(r.ok, t).toBe(true);
      if (r.ok) expect(r.record.checkNoPublicAccess, t).toBe(true);
    }
    const marked = resourceTypeRecords().filter((r) => r.checkNoPublicAccess);
    expect(marked).toHaveLength(CHECK_NO_PUBLIC_ACCESS_TYPES.length);
    // Issue 9: validate rejected AWS::Glacier::Vault while check-no-public-access accepted it.
    expect(resourceTypeRecord('AWS::S3::Glacier')).toBe(resourceTypeRecord('AWS::Glacier::Vault'));
  });

  it("ValidatePolicy's resource types are exactly the records marked for it", () => {
    expect(
      resourceTypeRecords()
        .filter((r) => r.validateResourceType)
        .map((r) => r.type)
        .sort(),
    ).toEqual([...VALIDATE_POLICY_RESOURCE_TYPES].sort());
  });

  it('the reasoner and the cfn pipeline read the same records', () => {
    expect(reasonResourceTypes().sort()).toEqual(resourceTypeNames().sort());
    for (const name of resourceTypeNames())
      expect(servicesForResourceType(name)).toEqual([...(resourceTypeRecord(name)?.services ?? [])]);
    for (const t of [...EXTERNAL_ACCESS_TYPES, ...PUBLIC_ACCESS_TYPES])
      expect(resourceTypeRecord(t)?.type).toBe(t);
    // cfn-policy-validator's lists (README "check-no-public-access" and access preview types).
    expect([...EXTERNAL_ACCESS_TYPES].sort()).toEqual(
      [
        'AWS::IAM::AssumeRolePolicyDocument',
        'AWS::KMS::Key',
        'AWS::S3::Bucket',
        'AWS::SQS::Queue',
        'AWS::SecretsManager::Secret',
      ].sort(),
    );
    expect(PUBLIC_ACCESS_TYPES.size).toBe(8);
  });

  it('role trust policies: AWS::IAM::Role is the same record as the trust-policy pseudo-type', () => {
    expect(isTrustPolicyType('AWS::IAM::AssumeRolePolicyDocument')).toBe(true);
    expect(isTrustPolicyType('AWS::IAM::Role')).toBe(true);
    expect(isTrustPolicyType('AWS::S3::Bucket')).toBe(false);
  });

  it('the docs list every accepted name', () => {
    const docs = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## Resource types'), docs.indexOf('## Access Analyzer checks'));
    for (const name of resourceTypeNames()) expect(section, name).toContain(`\`${name}\``);
  });
});

describe('resolveResourceType: unknown names are errors with a did-you-mean (issue 16)', () => {
  it('a typo names the nearest type', () => {
    const r = resolveResourceType('AWS::KMS::Keyy');
    expect(r).toEqual({
      ok: false,
      suggestion: 'AWS::KMS::Key',
      message: '"AWS::KMS::Keyy" is not a resource type leastpriv knows; did you mean AWS::KMS::Key?',
    });
  });
  it('names are case-sensitive, as AWS type names are', () => {
    const r = resolveResourceType('aws::sqs::queue');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toBe('"aws::sqs::queue" is not a resource type; did you mean AWS::SQS::Queue?');
  });
  it('a value far from every type says where the list is; a malformed one names the shape', () => {
    const far = resolveResourceType('AWS::Nothing::LikeThisAtAll');
    expect(far.ok).toBe(false);
    if (!far.ok) {
      expect(far.suggestion).toBeUndefined();
      expect(far.message).toContain('docs/checks.md');
    }
    const bad = resolveResourceType('bucket');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^"bucket" is not a resource type \(AWS::Service::Type/);
  });
});

describe('probe ARNs: realistic resources for counterexamples', () => {
  it('a KMS key probe is a key ARN, never an S3 bucket (issue 9)', () => {
    const kms = resourceTypeRecord('AWS::KMS::Key')!;
    expect(probeArn(kms, { account: '123456789012' })).toBe(
      'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    expect(probeArn(resourceTypeRecord('AWS::Glacier::Vault')!, { account: '123456789012' })).toBe(
      'arn:aws:glacier:us-east-1:123456789012:vaults/leastpriv-probe',
    );
  });
  it('a public KMS key policy FAILs with a counterexample naming a KMS key (issue 9)', async () => {
    const policy = parsePolicyValue({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }],
    });
    for (const [type, re] of [
      ['AWS::KMS::Key', /^arn:aws:kms:us-east-1:\d{12}:key\//],
      ['AWS::SQS::Queue', /^arn:aws:sqs:us-east-1:\d{12}:leastpriv-probe$/],
    ] as const) {
      const actions =
        type === 'AWS::KMS::Key'
          ? policy
          : parsePolicyValue({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }],
            });
      const r = await checkNoPublicAccess(actions, { resourceType: type });
      expect(r.result).toBe('FAIL');
      expect(r.counterexample?.request.resource, type).toMatch(re);
    }
  }, 60_000);
  it("every probe matches its type's ARN format in the Service Authorization Reference", () => {
    for (const r of resourceTypeRecords()) {
      const arn = probeArn(r, { account: '123456789012' });
      expect(arn, r.type).toBeDefined();
      const [service, key] = r.arn!;
      const names = resourceTypesForArn(arn!, service).map((t) => t.name.toLowerCase());
      expect(names, `${r.type}: ${arn}`).toContain(key.toLowerCase());
    }
  });
});

describe('the cfn reader reads policies of known types only', () => {
  it('every policy resource the template reader supports belongs to a record', () => {
    const known = new Set(resourceTypeRecords().flatMap((r) => (r.cfnPolicy ?? []).map((c) => c.resource)));
    for (const t of SUPPORTED_RESOURCE_POLICY_TYPES) expect(known, t).toContain(t);
  });
});

describe('the CloudFormation property that holds each policy exists (CloudFormation resource spec)', () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html
  it('every named policy resource and property is in @aws-cdk/aws-service-spec', () => {
    const db = loadAwsServiceSpecSync();
    for (const r of resourceTypeRecords()) {
      for (const c of r.cfnPolicy ?? []) {
        const found = db.lookup('resource', 'cloudFormationType', 'equals', c.resource);
        expect(found.length, c.resource).toBe(1);
        if (c.property) expect(Object.keys(found[0].properties), r.type).toContain(c.property);
      }
    }
  }, 60_000);
});
