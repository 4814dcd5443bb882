/**
 * `trail unused`: Access Analyzer's unused-access finding shapes over the account snapshot
 * fixture (test/fixtures/account/bootstrap) and hand-written trail events.
 * Shapes: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_GetFindingV2.html,
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingDetails.html,
 * recommendation: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_GetFindingRecommendation.html
 * Credential report columns: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { grantedActions } from '../../src/pipelines/trail-unused.js';
import { parsePolicyValue } from '../../src/policy/parse.js';
import { captureOutput } from '../helpers/output.js';
import { rec, scratch } from './helpers.js';

const io = captureOutput();
const A = '111122223333';
const APP = `arn:aws:iam::${A}:role/little-app`;
const ALICE = `arn:aws:iam::${A}:user/alice`;

const appSession = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${A}:assumed-role/little-app/s`,
  accountId: A,
  accessKeyId: 'ASIAAPP',
  sessionContext: { sessionIssuer: { type: 'Role', arn: APP, accountId: A, userName: 'little-app' } },
};

async function setup() {
  const s = scratch();
  const snap = join(s.dir, 'snapshot');
  cpSync('test/fixtures/account/bootstrap', snap, { recursive: true });
  writeFileSync(
    join(snap, 'credential-report.csv'),
    [
      'user,arn,user_creation_time,password_enabled,password_last_used,access_key_1_active,access_key_1_last_used_date,access_key_2_active,access_key_2_last_used_date',
      `alice,${ALICE},2020-01-01T00:00:00+00:00,true,2023-01-01T00:00:00+00:00,true,2023-01-01T00:00:00+00:00,false,N/A`,
      `bob,arn:aws:iam::${A}:user/bob,2020-01-01T00:00:00+00:00,false,N/A,false,N/A,false,N/A`,
    ].join('\n'),
  );
  s.put('logs/a.json', {
    Records: [
      rec({
        eventSource: 's3.amazonaws.com',
        eventName: 'ListBuckets',
        userIdentity: appSession,
        eventTime: '2024-05-01T10:00:00Z',
      }),
      rec({
        eventSource: 's3.amazonaws.com',
        eventName: 'GetObject',
        userIdentity: appSession,
        eventTime: '2023-06-01T10:00:00Z',
        requestParameters: { bucketName: 'b', key: 'k' },
      }),
    ],
  });
  await main(['node', 'leastpriv', 'trail', 'ingest', join(s.dir, 'logs'), '--db', s.db]);
  io.out = '';
  io.err = '';
  return { snap, db: s.db };
}

type Finding = {
  findingType: string;
  resource: string;
  findingDetails: Array<Record<string, Record<string, unknown>>>;
  recommendation?: { recommendedSteps: Array<{ unusedPermissionsRecommendedStep: Record<string, string> }> };
};

describe('trail unused', () => {
  it('reports unused roles, keys, passwords and permissions in Access Analyzer shapes', async () => {
    const { snap, db } = await setup();
    const code = await main([
      'node',
      'leastpriv',
      'trail',
      'unused',
      '--snapshot',
      snap,
      '--db',
      db,
      '--days',
      '30',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(io.out) as { window: { from: string; to: string }; findings: Finding[] };
    expect(out.window).toEqual({ from: '2024-04-01T10:00:00Z', to: '2024-05-01T10:00:00Z', days: 30 });
    const of = (type: string, arn: string) =>
      out.findings.filter((f) => f.findingType === type && f.resource === arn);
    // Roles with no session in the window: one UnusedIAMRole finding each, no permission finding besides.
    const admin = `arn:aws:iam::${A}:role/littleware/account/user/littleAdmin`;
    expect(of('UnusedIAMRole', admin)).toHaveLength(1);
    expect(of('UnusedPermission', admin)).toHaveLength(0);
    // little-app used s3:ListAllMyBuckets in the window; GetObject only before it.
    const [app] = of('UnusedPermission', APP);
    const s3 = app.findingDetails.find((d) => d.unusedPermissionDetails.serviceNamespace === 's3')!;
    expect(s3.unusedPermissionDetails.actions).toContainEqual({
      action: 'GetObject',
      lastAccessed: '2023-06-01T10:00:00Z',
    });
    expect(app.recommendation?.recommendedSteps[0].unusedPermissionsRecommendedStep).toMatchObject({
      recommendedAction: 'CREATE_POLICY',
    });
    expect(
      JSON.parse(app.recommendation!.recommendedSteps[0].unusedPermissionsRecommendedStep.recommendedPolicy),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'S31', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
    });
    expect(of('UnusedIAMRole', APP)).toHaveLength(0);
    // alice: active key and password last used long before the window; bob has neither.
    expect(of('UnusedIAMUserAccessKey', ALICE)[0].findingDetails[0]).toEqual({
      unusedIamUserAccessKeyDetails: {
        accessKeyId: 'access_key_1',
        lastAccessed: '2023-01-01T00:00:00+00:00',
      },
    });
    expect(of('UnusedIAMUserPassword', ALICE)).toHaveLength(1);
    expect(
      out.findings.filter((f) => f.resource.endsWith('user/bob') && f.findingType !== 'UnusedPermission'),
    ).toEqual([]);
  });

  it('bad --days or a missing snapshot exits 2', async () => {
    const { snap, db } = await setup();
    expect(
      await main(['node', 'leastpriv', 'trail', 'unused', '--snapshot', snap, '--db', db, '--days', 'x']),
    ).toBe(2);
    expect(
      await main(['node', 'leastpriv', 'trail', 'unused', '--snapshot', `${snap}-none`, '--db', db]),
    ).toBe(2);
  });

  it('granted actions: Allow Action/NotAction expanded over the catalog, less an unconditional Deny on *', () => {
    const doc = parsePolicyValue({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:Get*', 'sqs:SendMessage'], Resource: '*' },
        { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'sqs:SendMessage',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    const g = grantedActions([doc]);
    expect(g.has('s3:GetObjectAcl')).toBe(true);
    expect(g.has('s3:GetObject')).toBe(false);
    expect(g.has('sqs:SendMessage')).toBe(true);
    expect(g.has('s3:PutObject')).toBe(false);
  });
});
