/**
 * eventSource/eventName -> IAM actions: one test per rule of src/generate/mapping.ts and
 * implied.ts. Sources: CloudTrail record contents (eventType)
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html,
 * S3 operation permissions https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html,
 * PassRole https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html,
 * tag on create https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/supported-iam-actions-tagging.html,
 * GetCallerIdentity needs no permission https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
import { describe, expect, it } from 'vitest';
import { canonicalActionName, serviceExists } from '../../src/catalog/index.js';
import { impliedActions } from '../../src/generate/implied.js';
import { mapEvent, stripVersion } from '../../src/generate/mapping.js';
import { loadMappingData } from '../../src/sources/trail/mapping-data.js';

const data = loadMappingData();
const map = (eventSource: string, eventName: string, eventType: string | null = 'AwsApiCall') =>
  mapEvent({ eventSource, eventName, eventType }, data);

describe('bundled iam-dataset data against the service reference', () => {
  it('every action of the method table is a catalog action', () => {
    const all = Object.values(data.methods).flat();
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((a) => !canonicalActionName(a))).toEqual([]);
  });

  it('event sources map to prefixes; those the catalog lacks are reported as unmapped, not dropped', () => {
    const missing = Object.entries(data.services).filter(([, p]) => !serviceExists(p));
    expect(Object.keys(data.services).length).toBeGreaterThan(300);
    for (const [source] of missing) {
      const m = map(source, 'Anything');
      expect(m.kind).toBe('unmapped');
    }
  });
});

describe('mapping rules', () => {
  it('service prefix renames: monitoring.amazonaws.com -> cloudwatch, amazonmq -> mq', () => {
    expect(map('monitoring.amazonaws.com', 'PutMetricData')).toMatchObject({
      actions: ['cloudwatch:PutMetricData'],
    });
    expect(map('amazonmq.amazonaws.com', 'CreateBroker')).toMatchObject({ actions: ['mq:CreateBroker'] });
  });

  it('versioned event names: CreateFunction20150331, UpdateFunctionConfiguration20150331v2, CreateDistribution2020_05_31', () => {
    expect(stripVersion('UpdateFunctionConfiguration20150331v2')).toBe('UpdateFunctionConfiguration');
    expect(map('lambda.amazonaws.com', 'CreateFunction20150331')).toMatchObject({
      actions: ['lambda:CreateFunction'],
      rule: 'versioned name',
    });
    expect(map('cloudfront.amazonaws.com', 'CreateDistribution2020_05_31')).toMatchObject({
      actions: ['cloudfront:CreateDistribution'],
    });
  });

  it("S3's renamed actions: PutBucketEncryption -> s3:PutEncryptionConfiguration (iam-dataset), ListBuckets -> s3:ListAllMyBuckets", () => {
    expect(map('s3.amazonaws.com', 'PutBucketEncryption')).toMatchObject({
      actions: ['s3:PutEncryptionConfiguration'],
    });
    expect(map('s3.amazonaws.com', 'ListBuckets')).toMatchObject({ actions: ['s3:ListAllMyBuckets'] });
    expect(map('s3.amazonaws.com', 'HeadObject')).toMatchObject({ actions: ['s3:GetObject'] });
    expect(map('s3.amazonaws.com', 'DeleteBucketCors')).toMatchObject({ actions: ['s3:PutBucketCORS'] });
  });

  it('same-name actions are spelled as the catalog spells them', () => {
    expect(map('iam.amazonaws.com', 'createuser')).toMatchObject({
      actions: ['iam:CreateUser'],
      rule: 'same name',
    });
  });

  it('permissionless calls: sts:GetCallerIdentity', () => {
    expect(map('sts.amazonaws.com', 'GetCallerIdentity')).toEqual({
      kind: 'none',
      reason: 'needs no permission',
    });
  });

  it('console sign-ins (by eventType and by source) and service events need no caller permission', () => {
    expect(map('signin.amazonaws.com', 'ConsoleLogin', 'AwsConsoleSignIn')).toMatchObject({
      reason: 'console sign-in',
    });
    expect(map('signin.amazonaws.com', 'ConsoleLogin', null)).toMatchObject({ reason: 'console sign-in' });
    expect(map('kms.amazonaws.com', 'RotateKey', 'AwsServiceEvent')).toMatchObject({
      reason: 'service event',
    });
    expect(map('s3.amazonaws.com', 'GetObject', 'AwsVpceEvent')).toMatchObject({ kind: 'none' });
  });

  it('unknown sources and names are unmapped with a reason', () => {
    expect(map('example.invalid', 'Foo')).toMatchObject({
      kind: 'unmapped',
      reason: expect.stringMatching(/not a known service/),
    });
    expect(map('ec2.amazonaws.com', 'PutBucketLogging')).toMatchObject({
      kind: 'unmapped',
      reason: 'no IAM action ec2:PutBucketLogging in the service reference',
    });
  });
});

describe('implied actions', () => {
  it('iam:PassRole for lambda:CreateFunction, with iam:PassedToService', () => {
    const r = impliedActions('lambda:CreateFunction', 'CreateFunction20150331', {
      functionName: 'f',
      role: 'arn:aws:iam::111122223333:role/fn-role',
    });
    expect(r.implied).toEqual([
      {
        action: 'iam:PassRole',
        resources: ['arn:aws:iam::111122223333:role/fn-role'],
        conditions: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } },
      },
    ]);
  });

  it('iam:PassRole for ssm:SendCommand with a service role, ecs task roles, S3 replication', () => {
    expect(
      impliedActions('ssm:SendCommand', 'SendCommand', {
        serviceRoleArn: 'arn:aws:iam::111122223333:role/sns',
      }).implied[0],
    ).toMatchObject({
      action: 'iam:PassRole',
      conditions: { StringEquals: { 'iam:PassedToService': ['ssm.amazonaws.com'] } },
    });
    expect(
      impliedActions('ecs:RegisterTaskDefinition', 'RegisterTaskDefinition', {
        taskRoleArn: 'arn:aws:iam::111122223333:role/task',
        executionRoleArn: 'arn:aws:iam::111122223333:role/exec',
      }).implied[0].resources,
    ).toEqual(['arn:aws:iam::111122223333:role/task', 'arn:aws:iam::111122223333:role/exec']);
    expect(
      impliedActions('s3:PutReplicationConfiguration', 'PutBucketReplication', {
        ReplicationConfiguration: { Role: 'arn:aws:iam::111122223333:role/repl' },
      }).implied[0].resources,
    ).toEqual(['arn:aws:iam::111122223333:role/repl']);
  });

  it('RunInstances with an instance profile: a note, never a guessed role', () => {
    const r = impliedActions('ec2:RunInstances', 'RunInstances', {
      iamInstanceProfile: { name: 'web-profile' },
    });
    expect(r.implied).toEqual([]);
    expect(r.notes[0]).toMatch(/instance profile web-profile.*iam:PassRole/);
  });

  it('ec2:CreateTags with ec2:CreateAction when a create call carries tag specifications', () => {
    const r = impliedActions('ec2:RunInstances', 'RunInstances', {
      tagSpecificationSet: { items: [{ resourceType: 'instance', tags: [{ key: 'a', value: 'b' }] }] },
    });
    expect(r.implied).toEqual([
      {
        action: 'ec2:CreateTags',
        resourceTypes: ['instance'],
        conditions: { StringEquals: { 'ec2:CreateAction': ['RunInstances'] } },
      },
    ]);
    expect(impliedActions('ec2:RunInstances', 'RunInstances', {}).implied).toEqual([]);
  });
});
