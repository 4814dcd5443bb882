/**
 * IAM Access Analyzer's rules for external and public access, per rule and per resource type, each
 * test citing the page it follows. `analyze` and `check-no-public-access` decide them in one place
 * (src/reason/external.ts); every finding carries a replayed example on a resource of the right type.
 *
 * - How findings work: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-concepts.html
 * - Resource types: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html
 * - Filter keys (the conditions a finding reports): https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/evaluate/index.js';
import type { PolicyDocument } from '../../src/policy/model.js';
import { parsePolicyValue } from '../../src/policy/parse.js';
import {
  analyzeExternalAccess,
  checkNoPublicAccess,
  shutdownSolver,
  warmUp,
} from '../../src/reason/index.js';

const ZONE_ACCOUNT = '123456789012';
const OTHER = '444455556666';
const zone = { accounts: [ZONE_ACCOUNT], orgId: 'o-abc123def4' };
const doc = (statements: unknown[]) => parsePolicyValue({ Version: '2012-10-17', Statement: statements });
const analyze = (p: PolicyDocument, resourceType: string) =>
  analyzeExternalAccess(p, { zoneOfTrust: zone, resourceType });
const isPublic = async (p: PolicyDocument, resourceType: string) =>
  (await checkNoPublicAccess(p, { resourceType })).result;

/** The resource policy alone decides a cross-account request (as replay does). */
function decision(
  p: PolicyDocument,
  request: { principal: string; action: string; resource: string; context: unknown },
) {
  return evaluate({
    request: request as never,
    resourceAccount: ZONE_ACCOUNT,
    policies: {
      resource: { document: p },
      identity: [{ document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }],
    },
  }).decision;
}

beforeAll(async () => {
  await warmUp();
}, 60000);
afterAll(async () => {
  await shutdownSolver();
});

describe('service principals (access-analyzer-concepts: "does not currently report findings from AWS service principals")', () => {
  it('a Lambda execution role trusting lambda.amazonaws.com is no finding and not public', async () => {
    const trust = doc([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect((await analyze(trust, 'AWS::IAM::AssumeRolePolicyDocument')).findings).toEqual([]);
    expect(await isPublic(trust, 'AWS::IAM::AssumeRolePolicyDocument')).toBe('PASS');
  });

  it('a service principal with the aws:SourceAccount of another account is still no finding', async () => {
    const p = doc([
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': OTHER } },
      },
    ]);
    expect((await analyze(p, 'AWS::SQS::Queue')).findings).toEqual([]);
  });

  it('a role trusting another account is a finding, shown on a role ARN (access-analyzer-resources#access-analyzer-iam-role)', async () => {
    const trust = doc([
      { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'sts:AssumeRole' },
    ]);
    const r = await analyze(trust, 'AWS::IAM::AssumeRolePolicyDocument');
    expect(r.findings.map((f) => f.principal)).toEqual([{ AWS: OTHER }]);
    expect(r.findings[0].example.request.resource).toMatch(new RegExp(`^arn:aws:iam::${ZONE_ACCOUNT}:role/`));
  });
});

describe('IAM role trust policies (access-analyzer-resources#access-analyzer-iam-role)', () => {
  const trust = (principal: unknown, action: string, condition?: object) =>
    doc([
      {
        Effect: 'Allow',
        Principal: principal,
        Action: action,
        ...(condition ? { Condition: condition } : {}),
      },
    ]);
  it('sts:ExternalId does not keep a cross-account trust in the zone: still a finding, not public', async () => {
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
    const p = trust({ AWS: OTHER }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'example-id' } });
    const r = await analyze(p, 'AWS::IAM::AssumeRolePolicyDocument');
    expect(r.findings.map((f) => [f.principal, f.isPublic, f.condition])).toEqual([
      [{ AWS: OTHER }, false, { 'sts:ExternalId': 'example-id' }],
    ]);
  });
  it('a role any AWS principal may assume is public', async () => {
    const p = trust({ AWS: '*' }, 'sts:AssumeRole');
    expect((await analyze(p, 'AWS::IAM::AssumeRolePolicyDocument')).findings.map((f) => f.isPublic)).toEqual([
      true,
    ]);
    expect(await isPublic(p, 'AWS::IAM::AssumeRolePolicyDocument')).toBe('FAIL');
  });
  it('a role of the zone account trusting its own account is no finding', async () => {
    const p = trust({ AWS: `arn:aws:iam::${ZONE_ACCOUNT}:root` }, 'sts:AssumeRole');
    expect((await analyze(p, 'AWS::IAM::AssumeRolePolicyDocument')).findings).toEqual([]);
  });
  it('a SAML provider is a federated finding, not public (its users come from that provider only)', async () => {
    const saml = `arn:aws:iam::${ZONE_ACCOUNT}:saml-provider/ExampleIdP`;
    const p = trust({ Federated: saml }, 'sts:AssumeRoleWithSAML', {
      StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
    });
    const r = await analyze(p, 'AWS::IAM::AssumeRolePolicyDocument');
    expect(r.findings.map((f) => [f.principal, f.isPublic])).toEqual([[{ Federated: saml }, false]]);
    expect(await isPublic(p, 'AWS::IAM::AssumeRolePolicyDocument')).toBe('PASS');
  });
});

describe('federated principals of public identity providers (access-analyzer-reference-filter-keys: cognito-identity.amazonaws.com:aud, accounts.google.com:aud, graph.facebook.com:app_id, www.amazon.com:app_id)', () => {
  for (const [provider, key, app] of [
    [
      'cognito-identity.amazonaws.com',
      'cognito-identity.amazonaws.com:aud',
      'us-east-1:12345678-abcd-abcd-abcd-123456789012',
    ],
    ['accounts.google.com', 'accounts.google.com:aud', '123456789-example.apps.googleusercontent.com'],
    ['graph.facebook.com', 'graph.facebook.com:app_id', '1234567890'],
    ['www.amazon.com', 'www.amazon.com:app_id', 'amzn1.application-oa2-client.example'],
  ]) {
    const trust = (condition?: object) =>
      doc([
        {
          Effect: 'Allow',
          Principal: { Federated: provider },
          Action: 'sts:AssumeRoleWithWebIdentity',
          ...(condition ? { Condition: condition } : {}),
        },
      ]);
    it(`${provider} without ${key} is public access to the role`, async () => {
      const r = await analyze(trust(), 'AWS::IAM::AssumeRolePolicyDocument');
      expect(r.findings.map((f) => [f.principal, f.isPublic])).toEqual([[{ Federated: provider }, true]]);
      expect(await isPublic(trust(), 'AWS::IAM::AssumeRolePolicyDocument')).toBe('FAIL');
    });
    it(`${provider} with ${key} pinned is external but not public`, async () => {
      const pinned = trust({ StringEquals: { [key]: app } });
      const r = await analyze(pinned, 'AWS::IAM::AssumeRolePolicyDocument');
      expect(r.findings.map((f) => [f.principal, f.isPublic, f.condition])).toEqual([
        [{ Federated: provider }, false, { [key]: app }],
      ]);
      expect(await isPublic(pinned, 'AWS::IAM::AssumeRolePolicyDocument')).toBe('PASS');
    });
  }
});

describe('conditions that keep access in the zone of trust (access-analyzer-concepts: "condition keys that external users cannot directly influence"; access-analyzer-reference-filter-keys)', () => {
  const grant = (key: string, value: string) =>
    doc([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::example-bucket/*',
        Condition: { StringEquals: { [key]: value } },
      },
    ]);
  for (const [key, inside, outside] of [
    ['aws:SourceAccount', ZONE_ACCOUNT, OTHER],
    [
      'aws:SourceArn',
      `arn:aws:cloudfront::${ZONE_ACCOUNT}:distribution/EDFDVBD6EXAMPLE`,
      `arn:aws:cloudfront::${OTHER}:distribution/EDFDVBD6EXAMPLE`,
    ],
    ['aws:SourceOrgID', 'o-abc123def4', 'o-zzz999yyy8'],
    ['aws:PrincipalOrgID', 'o-abc123def4', 'o-zzz999yyy8'],
    ['aws:PrincipalAccount', ZONE_ACCOUNT, OTHER],
  ]) {
    it(`${key} naming the zone is no finding; naming another party is a finding, not public`, async () => {
      expect((await analyze(grant(key, inside), 'AWS::S3::Bucket')).findings).toEqual([]);
      const r = await analyze(grant(key, outside), 'AWS::S3::Bucket');
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0].isPublic).toBe(false);
      expect(r.findings[0].condition).toEqual({ [key]: outside });
      expect(decision(grant(key, outside), r.findings[0].example.request)).toBe('Allowed');
    });
  }
  for (const [key, value] of [
    ['aws:SourceVpc', 'vpc-1a2b3c4d'],
    ['aws:SourceVpce', 'vpce-1a2b3c4d'],
  ]) {
    it(`${key} naming a VPC (endpoint) is no finding and not public`, async () => {
      expect((await analyze(grant(key, value), 'AWS::S3::Bucket')).findings).toEqual([]);
      expect(await isPublic(grant(key, value), 'AWS::S3::Bucket')).toBe('PASS');
    });
  }
  it('aws:SourceIp scopes nothing: the grant stays public', async () => {
    const p = doc([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
      },
    ]);
    const r = await analyze(p, 'AWS::S3::Bucket');
    expect(r.findings.map((f) => f.isPublic)).toEqual([true]);
  });
});

describe('AWS KMS keys (access-analyzer-resources#access-analyzer-kms-key)', () => {
  const key = (condition: object) =>
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
        Resource: '*',
        Condition: condition,
      },
    ]);
  it('kms:CallerAccount naming another account is a finding on a KMS key, from a caller of that account', async () => {
    const p = key({ StringEquals: { 'kms:CallerAccount': OTHER } });
    const r = await analyze(p, 'AWS::KMS::Key');
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    // The finding's shape for "all users in a specific AWS account" through kms:CallerAccount
    // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html#access-analyzer-kms-key):
    // the statement's principal as written (`{"AWS": "*"}`), the condition that limits it
    // (ExternalAccessDetails.condition, "the condition ... that resulted in an external access
    // finding", https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ExternalAccessDetails.html),
    // and not public: only that account's callers get in.
    expect(f.principal).toEqual({ AWS: '*' });
    expect(f.condition).toEqual({ 'kms:CallerAccount': OTHER });
    expect(f.isPublic).toBe(false);
    expect(f.example.request.resource).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]+$/);
    expect(f.example.request.principal).toContain(`:${OTHER}:`);
    expect(decision(p, f.example.request)).toBe('Allowed');
  });
  it('check-no-public-access on a key policy open to everyone: the counterexample is a KMS key ARN', async () => {
    const p = doc([{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }]);
    const r = await checkNoPublicAccess(p, { resourceType: 'AWS::KMS::Key' });
    expect(r.result).toBe('FAIL');
    expect(r.counterexample!.request.resource).toMatch(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]+$/);
  });
  it('kms:CallerAccount naming the zone account is no finding', async () => {
    expect(
      (await analyze(key({ StringEquals: { 'kms:CallerAccount': ZONE_ACCOUNT } }), 'AWS::KMS::Key')).findings,
    ).toEqual([]);
  });
  it('kms:ViaService alone limits nothing to the zone (any account using EBS): a public finding', async () => {
    const r = await analyze(
      key({ StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }),
      'AWS::KMS::Key',
    );
    expect(r.findings.map((f) => f.isPublic)).toEqual([true]);
  });
  it('the key policy\'s "access through EBS for principals in the account" statement (kms:ViaService + kms:CallerAccount) is no finding', async () => {
    // https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
    const p = key({
      StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:CallerAccount': ZONE_ACCOUNT },
    });
    expect((await analyze(p, 'AWS::KMS::Key')).findings).toEqual([]);
    expect(await isPublic(p, 'AWS::KMS::Key')).toBe('PASS');
  });
});

describe('S3 access points delegating to the bucket policy (access-analyzer-resources#access-analyzer-s3)', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html#access-points-delegating-control
  const delegate = (key: string, value: string) =>
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: '*',
        Resource: ['arn:aws:s3:::example-bucket', 'arn:aws:s3:::example-bucket/*'],
        Condition: { StringEquals: { [key]: value } },
      },
    ]);
  it('delegating to access points of the zone account is no finding of the bucket policy', async () => {
    expect(
      (await analyze(delegate('s3:DataAccessPointAccount', ZONE_ACCOUNT), 'AWS::S3::Bucket')).findings,
    ).toEqual([]);
  });
  it('delegating to a cross-account access point is a public finding', async () => {
    const r = await analyze(delegate('s3:DataAccessPointAccount', OTHER), 'AWS::S3::Bucket');
    expect(r.findings.map((f) => [f.principal, f.isPublic])).toEqual([[{ AWS: '*' }, true]]);
  });
  it('a multi-Region access point of the zone account (s3:DataAccessPointArn) is no finding; of another account it is', async () => {
    const mrap = (account: string) => `arn:aws:s3::${account}:accesspoint/mfzwi23gnjvgw.mrap`;
    expect(
      (await analyze(delegate('s3:DataAccessPointArn', mrap(ZONE_ACCOUNT)), 'AWS::S3::Bucket')).findings,
    ).toEqual([]);
    const r = await analyze(delegate('s3:DataAccessPointArn', mrap(OTHER)), 'AWS::S3::Bucket');
    expect(r.findings.map((f) => f.isPublic)).toEqual([true]);
  });
});

describe('S3 access point and multi-Region access point policies (access-analyzer-resources#access-analyzer-s3: "access point, including a multi-Region access point, applied to a bucket")', () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html
  for (const [type, objects] of [
    ['AWS::S3::AccessPoint', `arn:aws:s3:us-west-2:${ZONE_ACCOUNT}:accesspoint/my-ap/object/*`],
    [
      'AWS::S3::MultiRegionAccessPoint',
      `arn:aws:s3::${ZONE_ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap/object/*`,
    ],
  ]) {
    it(`${type}: a grant to another account is a finding on an object through that access point`, async () => {
      const p = doc([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER}:role/reader` },
          Action: 's3:GetObject',
          Resource: objects,
        },
      ]);
      const r = await analyze(p, type);
      expect(r.findings.map((f) => f.principal)).toEqual([{ AWS: `arn:aws:iam::${OTHER}:role/reader` }]);
      expect(r.findings[0].example.request.resource.startsWith(objects.slice(0, -1))).toBe(true);
      expect(decision(p, r.findings[0].example.request)).toBe('Allowed');
    });
  }
});

describe('per resource type: findings name a resource of that type (access-analyzer-resources)', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['AWS::SQS::Queue', 'sqs:SendMessage', /^arn:aws:sqs:[a-z0-9-]+:\d{12}:/],
    ['AWS::SNS::Topic', 'sns:Subscribe', /^arn:aws:sns:[a-z0-9-]+:\d{12}:/],
    [
      'AWS::SecretsManager::Secret',
      'secretsmanager:GetSecretValue',
      /^arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:/,
    ],
    ['AWS::Lambda::Function', 'lambda:InvokeFunction', /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:/],
    ['AWS::ECR::Repository', 'ecr:BatchGetImage', /^arn:aws:ecr:[a-z0-9-]+:\d{12}:repository\//],
    [
      'AWS::EFS::FileSystem',
      'elasticfilesystem:ClientMount',
      /^arn:aws:elasticfilesystem:[a-z0-9-]+:\d{12}:file-system\/fs-/,
    ],
    ['AWS::DynamoDB::Table', 'dynamodb:GetItem', /^arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table\/[^/]+$/],
    [
      'AWS::DynamoDB::Stream',
      'dynamodb:GetRecords',
      /^arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table\/[^/]+\/stream\//,
    ],
  ];
  for (const [type, action, arn] of cases) {
    it(`${type}: a grant to another account is a finding on a ${type} ARN`, async () => {
      const p = doc([{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: action, Resource: '*' }]);
      const r = await analyze(p, type);
      expect(r.findings.map((f) => f.principal)).toEqual([{ AWS: OTHER }]);
      expect(r.findings[0].example.request.resource).toMatch(arn);
      expect(decision(p, r.findings[0].example.request)).toBe('Allowed');
    });
  }

  it('SNS: "Everyone" is public access; aws:SourceOwner of the zone is none (access-analyzer-resources#access-analyzer-sns)', async () => {
    const everyone = doc([
      { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: '*' },
    ]);
    expect((await analyze(everyone, 'AWS::SNS::Topic')).findings.map((f) => f.isPublic)).toEqual([true]);
    const owner = doc([
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sns:Publish',
        Resource: '*',
        Condition: { StringEquals: { 'AWS:SourceOwner': ZONE_ACCOUNT } },
      },
    ]);
    expect((await analyze(owner, 'AWS::SNS::Topic')).findings).toEqual([]);
  });

  it('SQS: a queue open to an SNS topic of the zone (aws:SourceArn) is no finding (access-analyzer-resources#access-analyzer-sqs)', async () => {
    const p = doc([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'sqs:SendMessage',
        Resource: '*',
        Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:us-east-1:${ZONE_ACCOUNT}:alerts` } },
      },
    ]);
    expect((await analyze(p, 'AWS::SQS::Queue')).findings).toEqual([]);
  });

  it('Lambda: a function URL with auth type NONE open to everyone is public (access-analyzer-resources#access-analyzer-lambda)', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
    const p = doc([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'lambda:InvokeFunctionUrl',
        Resource: '*',
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
      },
    ]);
    const r = await analyze(p, 'AWS::Lambda::Function');
    expect(r.findings.map((f) => f.isPublic)).toEqual([true]);
    expect(await isPublic(p, 'AWS::Lambda::Function')).toBe('FAIL');
  });

  it('EFS: a mount through a mount target does not keep access in the zone (access-analyzer-resources#access-analyzer-efs)', async () => {
    const p = doc([
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Resource: '*',
        Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
      },
    ]);
    expect((await analyze(p, 'AWS::EFS::FileSystem')).findings.map((f) => f.isPublic)).toEqual([true]);
  });
});

describe('the actions a finding lists are those a Deny leaves reachable (ExternalAccessDetails.action: "the action ... that an external principal has permission to use")', () => {
  // https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ExternalAccessDetails.html
  it('a conditional Deny removes nothing; an unconditional one removes its action', async () => {
    const p = doc([
      {
        Sid: 'Share',
        Effect: 'Allow',
        Principal: { AWS: OTHER },
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: 'arn:aws:s3:::example-bucket/*',
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' },
    ]);
    const r = await analyze(p, 'AWS::S3::Bucket');
    expect(r.findings.map((f) => f.action)).toEqual([['s3:GetObject', 's3:PutObject']]);
    for (const action of ['s3:GetObject', 's3:PutObject'])
      expect(
        decision(p, { ...r.findings[0].example.request, action, context: { 'aws:SecureTransport': 'true' } }),
      ).toBe('Allowed');
  });
});

describe('differential: "no finding" is never contradicted by a concrete external request the evaluator allows', () => {
  // The oracle restates the zone-of-trust definition of docs/reasoning.md ("External request") on
  // concrete requests: AWS service principals are never external; IAM principals are external
  // outside the zone accounts; anonymous and federated users always are; a scoping key holding a
  // trusted value keeps the request inside.
  const FRESH = '777788889999';
  const principalArb = fc.constantFrom<unknown>(
    '*',
    { AWS: OTHER },
    { AWS: `arn:aws:iam::${OTHER}:role/partner` },
    { AWS: ZONE_ACCOUNT },
    { Service: 'sns.amazonaws.com' },
    { Federated: 'accounts.google.com' },
  );
  const conditionArb = fc.option(
    fc.constantFrom<object>(
      { StringEquals: { 'aws:SourceAccount': ZONE_ACCOUNT } },
      { StringEquals: { 'aws:SourceAccount': OTHER } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
      { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
      { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      { StringEquals: { 's3:DataAccessPointAccount': ZONE_ACCOUNT } },
      { StringEquals: { 'kms:CallerAccount': OTHER } },
      { StringEquals: { 'accounts.google.com:aud': 'app-1' } },
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { ArnLike: { 'aws:SourceArn': `arn:aws:sns:*:${ZONE_ACCOUNT}:*` } },
    ),
    { nil: undefined },
  );
  const statementArb = fc.record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    Principal: principalArb,
    Action: fc.constantFrom('s3:GetObject', 's3:PutObject', 's3:*'),
    Resource: fc.constant('*'),
    Condition: conditionArb,
  });
  const policyArb = fc
    .array(statementArb, { minLength: 1, maxLength: 3 })
    .map((sts) => doc(sts.map((s) => JSON.parse(JSON.stringify(s)))));
  const requestArb = fc.record({
    principal: fc.constantFrom(
      '*',
      `arn:aws:iam::${OTHER}:role/partner`,
      `arn:aws:iam::${FRESH}:role/x`,
      `arn:aws:iam::${ZONE_ACCOUNT}:role/mine`,
      'sns.amazonaws.com',
      'accounts.google.com',
    ),
    action: fc.constantFrom('s3:GetObject', 's3:PutObject'),
    resource: fc.constant('arn:aws:s3:::example-bucket/key'),
    context: fc.record(
      {
        'aws:SourceAccount': fc.constantFrom(ZONE_ACCOUNT, OTHER),
        'aws:PrincipalOrgID': fc.constantFrom('o-abc123def4', 'o-zzz999yyy8'),
        'aws:SourceVpce': fc.constantFrom('vpce-1a2b3c4d', 'vpce-99999999'),
        's3:DataAccessPointAccount': fc.constantFrom(ZONE_ACCOUNT, OTHER),
        'kms:CallerAccount': fc.constantFrom(ZONE_ACCOUNT, OTHER),
        'accounts.google.com:aud': fc.constantFrom('app-1', 'app-2'),
        'aws:SourceIp': fc.constantFrom('10.1.2.3', '192.0.2.9'),
        'aws:SourceArn': fc.constantFrom(
          `arn:aws:sns:us-east-1:${ZONE_ACCOUNT}:t`,
          `arn:aws:sns:us-east-1:${OTHER}:t`,
        ),
      },
      { requiredKeys: [] },
    ),
  });
  const TRUSTED: Record<string, (v: string) => boolean> = {
    'aws:SourceAccount': (v) => v === ZONE_ACCOUNT,
    'kms:CallerAccount': (v) => v === ZONE_ACCOUNT,
    's3:DataAccessPointAccount': (v) => v === ZONE_ACCOUNT,
    'aws:PrincipalOrgID': (v) => v === 'o-abc123def4',
    'aws:SourceVpce': (v) => v === 'vpce-1a2b3c4d',
    'aws:SourceArn': (v) => v.split(':')[4] === ZONE_ACCOUNT,
  };
  const external = (q: { principal: string; context: Record<string, string> }) => {
    if (q.principal === 'sns.amazonaws.com') return false;
    if (q.principal.includes(`:${ZONE_ACCOUNT}:`)) return false;
    return !Object.entries(q.context).some(([k, v]) => TRUSTED[k]?.(v));
  };

  it('analyze with no finding allows no external request; every finding replays', async () => {
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        fc.array(requestArb, { minLength: 40, maxLength: 40 }),
        async (p, requests) => {
          const r = await analyze(p, 'AWS::S3::Bucket');
          expect(r.unknown).toBeUndefined();
          for (const f of r.findings) expect(decision(p, f.example.request)).toBe('Allowed');
          if (r.findings.length > 0) return;
          for (const q of requests) {
            // Principal-scoped keys exist only for IAM principals.
            const iam = q.principal.startsWith('arn:');
            const context: Record<string, string> = { ...q.context };
            if (!iam) delete context['aws:PrincipalOrgID'];
            const request = { ...q, context };
            if (!external(request)) continue;
            expect(decision(p, request), JSON.stringify({ policy: p.text, request })).not.toBe('Allowed');
          }
        },
      ),
      { numRuns: 80, seed: 15 },
    );
  }, 600000);
});
