/**
 * `trail sessions`: a user with MFA assumes role A with a source identity; A's session assumes
 * role B in another account (role chaining, cross-account); B's session reads S3. Hand-written:
 * the public samples hold no complete chain. Shapes follow the AssumeRole CloudTrail example,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#stscloudtrailexample
 * and sourceIdentity: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { listSessions } from '../../src/sources/trail/sessions.js';
import { TrailStore } from '../../src/sources/trail/store.js';
import { captureOutput } from '../helpers/output.js';
import { rec, scratch } from './helpers.js';

const io = captureOutput();
const A_ACCT = '111122223333';
const B_ACCT = '444455556666';
const ROLE_A = `arn:aws:iam::${A_ACCT}:role/admin`;
const ROLE_B = `arn:aws:iam::${B_ACCT}:role/deploy`;
const ALICE = `arn:aws:iam::${A_ACCT}:user/alice`;

function assumeRole(caller: Record<string, unknown>, role: string, session: string, key: string, extra = {}) {
  return rec({
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    userIdentity: caller,
    sourceIPAddress: '198.51.100.7',
    requestParameters: { roleArn: role, roleSessionName: session, ...extra },
    responseElements: {
      credentials: { accessKeyId: key, sessionToken: 'x', expiration: 'Jan 1, 2025, 1:00:00 AM' },
      assumedRoleUser: {
        assumedRoleId: `AROA:${session}`,
        arn: `arn:aws:sts::${role.split(':')[4]}:assumed-role/${role.split('/').pop()}/${session}`,
      },
    },
    resources: [{ ARN: role, accountId: role.split(':')[4], type: 'AWS::IAM::Role' }],
  });
}

function sessionIdentity(role: string, session: string, key: string, mfa: string, sourceIdentity?: string) {
  const acct = role.split(':')[4];
  return {
    type: 'AssumedRole',
    principalId: `AROA:${session}`,
    arn: `arn:aws:sts::${acct}:assumed-role/${role.split('/').pop()}/${session}`,
    accountId: acct,
    accessKeyId: key,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROA',
        arn: role,
        accountId: acct,
        userName: role.split('/').pop(),
      },
      attributes: { creationDate: '2024-05-01T10:00:00Z', mfaAuthenticated: mfa },
      ...(sourceIdentity ? { sourceIdentity } : {}),
    },
  };
}

async function load() {
  const s = scratch();
  const alice = {
    type: 'IAMUser',
    principalId: 'AIDA',
    arn: ALICE,
    accountId: A_ACCT,
    accessKeyId: 'AKIAALICE',
    userName: 'alice',
  };
  const a = sessionIdentity(ROLE_A, 'alice-admin', 'ASIAAAAA', 'true', 'alice@example.com');
  const b = sessionIdentity(ROLE_B, 'deploy', 'ASIABBBB', 'false', 'alice@example.com');
  s.put('chain.json', {
    Records: [
      assumeRole(alice, ROLE_A, 'alice-admin', 'ASIAAAAA', {
        serialNumber: 'arn:aws:iam::111122223333:mfa/alice',
        sourceIdentity: 'alice@example.com',
      }),
      rec({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', userIdentity: a }),
      assumeRole(a, ROLE_B, 'deploy', 'ASIABBBB'),
      rec({
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        userIdentity: b,
        recipientAccountId: B_ACCT,
      }),
      rec({
        eventSource: 's3.amazonaws.com',
        eventName: 'PutBucketPolicy',
        userIdentity: b,
        errorCode: 'AccessDenied',
        recipientAccountId: B_ACCT,
      }),
    ],
  });
  const store = await TrailStore.open(s.db);
  await store.ingest([s.dir]);
  return { s, store };
}

describe('role sessions', () => {
  it('links who assumed what, from where, with MFA and source identity, and chains cross-account', async () => {
    const { store } = await load();
    const sessions = await listSessions(store);
    store.close();
    expect(sessions.map((x) => x.sessionArn)).toEqual([
      `arn:aws:sts::${A_ACCT}:assumed-role/admin/alice-admin`,
      `arn:aws:sts::${B_ACCT}:assumed-role/deploy/deploy`,
    ]);
    const [a, b] = sessions;
    expect(a).toMatchObject({
      role: ROLE_A,
      mfa: true,
      sourceIdentity: 'alice@example.com',
      assumedBy: {
        principal: ALICE,
        type: 'IAMUser',
        sourceIp: '198.51.100.7',
        call: 'AssumeRole',
        mfa: true,
      },
      parentSession: null,
      crossAccount: false,
      calls: 2,
    });
    expect(b).toMatchObject({
      role: ROLE_B,
      mfa: false,
      parentSession: 'ASIAAAAA',
      crossAccount: true,
      calls: 2,
      denied: 1,
      actions: [
        { eventSource: 's3.amazonaws.com', eventName: 'ListBuckets', count: 1, errors: {} },
        {
          eventSource: 's3.amazonaws.com',
          eventName: 'PutBucketPolicy',
          count: 1,
          errors: { AccessDenied: 1 },
        },
      ],
    });
  });

  it('--principal keeps the sessions of a role, or those a principal started', async () => {
    const { store } = await load();
    expect((await listSessions(store, ROLE_B)).map((x) => x.role)).toEqual([ROLE_B]);
    expect((await listSessions(store, ALICE)).map((x) => x.role)).toEqual([ROLE_A]);
    store.close();
  });

  it('CLI: JSON output, and a missing database exits 2', async () => {
    const { s, store } = await load();
    store.close();
    expect(await main(['node', 'leastpriv', 'trail', 'sessions', '--db', s.db, '--format', 'json'])).toBe(0);
    expect(JSON.parse(io.out).sessions).toHaveLength(2);
    expect(await main(['node', 'leastpriv', 'trail', 'sessions', '--db', `${s.dir}/none.duckdb`])).toBe(2);
    expect(io.err).toMatch(/none.duckdb: no such file/);
  });
});
