/**
 * `trail generate`: resource ARNs from the catalog's formats and the log, roles over all their
 * sessions (role chaining, Identity Center permission-set roles), S3 data events, denied and
 * unmapped calls, and the verification (validator + evaluator replay).
 * Identity Center roles: https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html
 * (AWSReservedSSO_ roles under the aws-reserved/sso.amazonaws.com/ path);
 * userIdentity of assumed roles: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { generatePolicy, type TrailCall } from '../../src/generate/index.js';
import { verifyGenerated } from '../../src/pipelines/trail.js';
import { loadMappingData } from '../../src/sources/trail/mapping-data.js';
import { TrailStore } from '../../src/sources/trail/store.js';
import { captureOutput } from '../helpers/output.js';
import { FIX, rec, scratch } from './helpers.js';

const io = captureOutput();
const data = loadMappingData();
const ACCT = '111122223333';
const ROLE = `arn:aws:iam::${ACCT}:role/app`;

function call(over: Partial<TrailCall>): TrailCall {
  return {
    eventTime: '2024-05-01T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    eventType: 'AwsApiCall',
    errorCode: null,
    region: 'us-east-1',
    accountId: ACCT,
    principalArn: `arn:aws:sts::${ACCT}:assumed-role/app/s1`,
    requestParameters: null,
    resources: null,
    ...over,
  };
}

const statementsFor = (r: ReturnType<typeof generatePolicy>, action: string) =>
  r.policy.Statement.filter((s) => ([] as string[]).concat(s.Action).includes(action));

describe('resource ARNs', () => {
  it('S3 data events: object ARN from the resources field, bucket ARN from requestParameters', () => {
    const r = generatePolicy(
      ROLE,
      [
        call({
          requestParameters: { bucketName: 'data-bkt', key: 'in/a.csv' },
          resources: [
            { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::data-bkt/in/a.csv' },
            { type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::data-bkt', accountId: ACCT },
          ],
        }),
        call({ eventName: 'ListObjects', requestParameters: { bucketName: 'data-bkt', prefix: 'in/' } }),
      ],
      data,
    );
    expect(statementsFor(r, 's3:GetObject')[0].Resource).toBe('arn:aws:s3:::data-bkt/in/a.csv');
    expect(statementsFor(r, 's3:ListBucket')[0].Resource).toBe('arn:aws:s3:::data-bkt');
    expect(verifyGenerated(r)).toMatchObject({ ok: true, replayed: 2, allowed: 2 });
  });

  it('SSM parameter names lose their leading slash; Secrets Manager names get the six-character suffix', () => {
    const r = generatePolicy(
      ROLE,
      [
        call({
          eventSource: 'ssm.amazonaws.com',
          eventName: 'GetParameter',
          requestParameters: { name: '/app/db' },
        }),
        call({
          eventSource: 'secretsmanager.amazonaws.com',
          eventName: 'GetSecretValue',
          requestParameters: { secretId: 'prod/db' },
        }),
      ],
      data,
    );
    expect(statementsFor(r, 'ssm:GetParameter')[0].Resource).toBe(
      `arn:aws:ssm:us-east-1:${ACCT}:parameter/app/db`,
    );
    expect(statementsFor(r, 'secretsmanager:GetSecretValue')[0].Resource).toBe(
      `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:prod/db-??????`,
    );
  });

  it('no placeholders: an unnamed required resource is widened within account and region, and noted', () => {
    const r = generatePolicy(
      ROLE,
      [call({ eventSource: 'ssm.amazonaws.com', eventName: 'PutParameter' })],
      data,
    );
    expect(JSON.stringify(r.policy)).not.toContain('${');
    expect(statementsFor(r, 'ssm:PutParameter')[0].Resource).toBe(
      `arn:aws:ssm:us-east-1:${ACCT}:parameter/*`,
    );
    expect(r.notes.join('\n')).toMatch(/ssm:PutParameter: .*widened/);
  });

  it('"*" only for actions without a resource type, and said so', () => {
    const r = generatePolicy(
      ROLE,
      [call({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' })],
      data,
    );
    expect(r.policy.Statement).toEqual([
      { Sid: 'Ec21', Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
    ]);
    expect(r.notes.join('\n')).toMatch(
      /Resource "\*" only for actions without a resource type: ec2:DescribeInstances/,
    );
  });

  it('KMS keys from the resources field; the replay lets the key policy delegate to IAM', () => {
    const key = `arn:aws:kms:us-east-1:${ACCT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const r = generatePolicy(
      ROLE,
      [
        call({
          eventSource: 'kms.amazonaws.com',
          eventName: 'Decrypt',
          resources: [{ ARN: key, type: 'AWS::KMS::Key' }],
        }),
      ],
      data,
    );
    expect(statementsFor(r, 'kms:Decrypt')[0].Resource).toBe(key);
    expect(verifyGenerated(r)).toMatchObject({ ok: true, allowed: 1 });
  });

  it('iam:PassRole with iam:PassedToService in the policy and in the replay', () => {
    const r = generatePolicy(
      ROLE,
      [
        call({
          eventSource: 'lambda.amazonaws.com',
          eventName: 'CreateFunction20150331',
          requestParameters: { functionName: 'fn', role: `arn:aws:iam::${ACCT}:role/fn-exec` },
        }),
      ],
      data,
    );
    expect(statementsFor(r, 'iam:PassRole')[0]).toMatchObject({
      Resource: `arn:aws:iam::${ACCT}:role/fn-exec`,
      Condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } },
    });
    expect(statementsFor(r, 'lambda:CreateFunction')[0].Resource).toBe(
      `arn:aws:lambda:us-east-1:${ACCT}:function:fn`,
    );
    expect(verifyGenerated(r)).toMatchObject({ ok: true });
  });
});

describe('denied, unmapped and permission-free calls', () => {
  it('denied calls are listed separately and grant nothing; unmapped are listed', () => {
    const r = generatePolicy(
      ROLE,
      [
        call({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', errorCode: 'AccessDenied' }),
        call({
          eventSource: 'ec2.amazonaws.com',
          eventName: 'RunInstances',
          errorCode: 'Client.UnauthorizedOperation',
        }),
        call({ eventSource: 'example.invalid', eventName: 'Foo' }),
        call({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity' }),
      ],
      data,
    );
    expect(r.policy.Statement).toEqual([]);
    expect(r.deniedCalls.map((d) => [d.eventName, d.errorCode, d.actions])).toEqual([
      ['RunInstances', 'Client.UnauthorizedOperation', ['ec2:RunInstances']],
      ['CreateUser', 'AccessDenied', ['iam:CreateUser']],
    ]);
    expect(r.unmapped).toEqual([
      { eventSource: 'example.invalid', eventName: 'Foo', count: 1, reason: expect.any(String) },
    ]);
    expect(r.calls).toMatchObject([{ eventName: 'GetCallerIdentity', noPermission: 'needs no permission' }]);
  });

  it('a call that failed for another reason (throttling) still needed its permission', () => {
    const r = generatePolicy(
      ROLE,
      [
        call({
          eventSource: 'ec2.amazonaws.com',
          eventName: 'DescribeVpcs',
          errorCode: 'Client.RequestLimitExceeded',
        }),
      ],
      data,
    );
    expect(statementsFor(r, 'ec2:DescribeVpcs')).toHaveLength(1);
  });
});

describe('verification can fail', () => {
  it('a statement removed from the generated policy makes the replay report the call', () => {
    const r = generatePolicy(
      ROLE,
      [
        call({
          eventSource: 'ssm.amazonaws.com',
          eventName: 'GetParameter',
          requestParameters: { name: 'p' },
        }),
      ],
      data,
    );
    r.policy.Statement = [{ Sid: 'Other', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: '*' }];
    const v = verifyGenerated(r);
    expect(v.ok).toBe(false);
    expect(v.failures).toEqual([
      {
        action: 'ssm:GetParameter',
        resource: `arn:aws:ssm:us-east-1:${ACCT}:parameter/p`,
        call: 'ssm.amazonaws.com GetParameter',
        decision: 'ImplicitDeny',
      },
    ]);
  });
});

function assumed(role: string, session: string, over: Record<string, unknown> = {}) {
  const name = role.split('/').pop();
  return rec({
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLE:${session}`,
      arn: `arn:aws:sts::${ACCT}:assumed-role/${name}/${session}`,
      accountId: ACCT,
      accessKeyId: `ASIA${session.toUpperCase()}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLE',
          arn: role,
          accountId: ACCT,
          userName: name,
        },
        attributes: { creationDate: '2024-05-01T09:00:00Z', mfaAuthenticated: 'false' },
      },
    },
    ...over,
  });
}

describe('principals over the store', () => {
  it('a role is generated over all its sessions, and no other principal', async () => {
    const s = scratch();
    s.put('a.json', {
      Records: [
        assumed(ROLE, 's1', {
          eventSource: 'sqs.amazonaws.com',
          eventName: 'SendMessage',
          requestParameters: { queueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCT}/q1` },
        }),
        assumed(ROLE, 's2', {
          eventSource: 'dynamodb.amazonaws.com',
          eventName: 'GetItem',
          requestParameters: { tableName: 't1' },
        }),
        rec({ eventSource: 'iam.amazonaws.com', eventName: 'ListUsers' }),
      ],
    });
    const store = await TrailStore.open(s.db);
    await store.ingest([s.dir]);
    const calls = await store.principalCalls(ROLE);
    store.close();
    expect(calls.map((c) => c.eventName).sort()).toEqual(['GetItem', 'SendMessage']);
    const r = generatePolicy(ROLE, calls, data);
    expect(statementsFor(r, 'dynamodb:GetItem')[0].Resource).toBe(
      `arn:aws:dynamodb:us-east-1:${ACCT}:table/t1`,
    );
    expect(verifyGenerated(r).ok).toBe(true);
  });

  it("role chaining: a session of role B started from role A is B's, and A's AssumeRole call is A's", async () => {
    const s = scratch();
    const A = `arn:aws:iam::${ACCT}:role/a`;
    const B = `arn:aws:iam::${ACCT}:role/b`;
    s.put('c.json', [
      assumed(A, 'first', {
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRole',
        requestParameters: { roleArn: B, roleSessionName: 'second' },
        resources: [{ ARN: B, accountId: ACCT, type: 'AWS::IAM::Role' }],
      }),
      assumed(B, 'second', { eventSource: 's3.amazonaws.com', eventName: 'ListBuckets' }),
    ]);
    const store = await TrailStore.open(s.db);
    await store.ingest([s.dir]);
    const ra = generatePolicy(A, await store.principalCalls(A), data);
    const rb = generatePolicy(B, await store.principalCalls(B), data);
    store.close();
    expect(ra.policy.Statement).toEqual([
      { Sid: 'Sts1', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: B },
    ]);
    expect(rb.policy.Statement).toEqual([
      { Sid: 'S31', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' },
    ]);
    expect(verifyGenerated(ra).ok).toBe(true);
  });

  it('Identity Center users: the permission set role (aws-reserved path) covers every user session', async () => {
    const s = scratch();
    const SSO = `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef`;
    s.put('i.json', [
      assumed(SSO, 'alice@example.com', {
        eventSource: 'logs.amazonaws.com',
        eventName: 'DescribeLogGroups',
      }),
      assumed(SSO, 'bob@example.com', {
        eventSource: 'lambda.amazonaws.com',
        eventName: 'GetFunction',
        requestParameters: { functionName: 'fn' },
      }),
    ]);
    const store = await TrailStore.open(s.db);
    await store.ingest([s.dir]);
    const r = generatePolicy(SSO, await store.principalCalls(SSO), data);
    store.close();
    expect(r.calls.map((c) => c.eventName).sort()).toEqual(['DescribeLogGroups', 'GetFunction']);
    expect(verifyGenerated(r).ok).toBe(true);
  });
});

describe('trail generate CLI', () => {
  it('on the invictus sample: the issue JSON shape, validated and replayed, exit 0', async () => {
    const s = scratch();
    await main(['node', 'leastpriv', 'trail', 'ingest', `${FIX}/invictus`, '--db', s.db]);
    io.out = '';
    io.err = '';
    const code = await main([
      'node',
      'leastpriv',
      'trail',
      'generate',
      '--db',
      s.db,
      '--principal',
      'arn:aws:iam::123837392027:user/bert-jan',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(io.out);
    expect(Object.keys(out)).toEqual(['principal', 'policy', 'calls', 'deniedCalls', 'unmapped']);
    expect(out.policy.Statement.length).toBeGreaterThan(0);
    expect(io.err).toMatch(
      /no ERROR or SECURITY_WARNING findings\); replayed \d+ logged accesses .*: \d+ allowed/,
    );
    expect(io.err).not.toMatch(/NOT allowed/);
  });

  it('--from/--to select the window; a bad time or an unknown principal exits 2', async () => {
    const s = scratch();
    s.put('a.json', [
      rec({ eventTime: '2024-01-01T00:00:00Z' }),
      rec({
        eventTime: '2024-06-01T00:00:00Z',
        eventName: 'GetBucketAcl',
        requestParameters: { bucketName: 'b' },
      }),
    ]);
    await main(['node', 'leastpriv', 'trail', 'ingest', s.dir, '--db', s.db]);
    io.out = '';
    const user = `arn:aws:iam::${ACCT}:user/alice`;
    const gen = (...a: string[]) =>
      main([
        'node',
        'leastpriv',
        'trail',
        'generate',
        '--db',
        s.db,
        '--principal',
        user,
        '--format',
        'json',
        ...a,
      ]);
    expect(await gen('--from', '2024-03-01')).toBe(0);
    expect(JSON.parse(io.out).calls.map((c: { eventName: string }) => c.eventName)).toEqual(['GetBucketAcl']);
    expect(await gen('--from', 'yesterday')).toBe(2);
    expect(await gen('--to', '2023-01-01')).toBe(2);
    expect(io.err).toMatch(/no calls by/);
  });
});
