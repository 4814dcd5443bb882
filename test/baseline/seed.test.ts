/**
 * The seed's own account (seeds/001 "Hydrate an AWS account": the bootstrap user's MFA-conditioned
 * `*`, the three groups and roles of iamSetup.json) and a fresh account (root only, no MFA).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BaselineReport, runBaseline } from '../../src/baseline/index.js';
import { engineOracle, escalationInput, inputFromSnapshot } from '../../src/pipelines/baseline/index.js';
import { shutdownSolver } from '../../src/reason/index.js';
import { readSnapshot, snapshotFromValue } from '../../src/sources/account/index.js';
import { ADMIN_ONLY_ESCALATION, audit, FIXTURES, managedPolicy, NOW, seed, statuses } from './helpers.js';

afterAll(() => shutdownSolver());

describe('the seed account', () => {
  let r: BaselineReport;
  beforeAll(async () => {
    r = await audit(seed(), undefined, ADMIN_ONLY_ESCALATION);
  }, 120_000);

  it('meets every hydrate (HYD) control', () => {
    const hyd = r.results.filter((x) => x.id.startsWith('HYD-'));
    expect(hyd.filter((x) => x.status !== 'PASS').map((x) => `${x.id} ${x.message}`)).toEqual([]);
  });

  it('fails the CIS controls the spec says the seed fails: password length and reuse, and write-only trail events', () => {
    const s = statuses(r);
    expect(s['CIS-PW-LENGTH']).toBe('FAIL');
    expect(s['CIS-PW-REUSE']).toBe('FAIL');
    expect(s['CIS-CT-MULTIREGION']).toBe('FAIL');
  });

  it('proves the role split with the reasoner and evaluates the allowances', () => {
    const msg = (id: string) => r.results.find((x) => x.id === id)!.message;
    expect(msg('HYD-ROLE-OPERATOR')).toContain('operator cannot write IAM or CloudTrail: proved');
    expect(msg('HYD-ROLE-DEVELOPER')).toContain(
      'developer cannot write IAM or CloudTrail nor create resources: proved',
    );
    expect(msg('HYD-ROLE-DEVELOPER')).toContain('developer can s3:PutObject: allowed');
    expect(msg('HYD-ROLE-ADMIN')).toContain('admin can iam:CreatePolicy');
    for (const x of r.results.filter((y) => y.id === 'HYD-ROLE-MFA')) {
      expect(x.message).toMatch(
        /^a group member can assume little(Admin|Operator|Developer) only with MFA: proved/,
      );
    }
  });

  it("the bootstrap user with the seed's policy (Allow * on * with aws:MultiFactorAuthPresent) fails HYD-BOOTSTRAP-REMOVED", async () => {
    const b = seed();
    b.authorizationDetails.UserDetailList.push({
      Path: '/',
      UserName: 'bootstrap',
      UserId: 'AIDABOOTSTRAPXXX',
      Arn: 'arn:aws:iam::111122223333:user/bootstrap',
      CreateDate: '2019-06-30T00:00:00Z',
      UserPolicyList: [
        {
          PolicyName: 'admin',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: '*',
                Resource: '*',
                Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
              },
            ],
          },
        },
      ],
      GroupList: [],
      AttachedManagedPolicies: [],
      Tags: [],
    });
    const x = await audit(b, ['HYD-BOOTSTRAP-REMOVED', 'HYD-USERS-IN-GROUPS']);
    expect(statuses(x)).toEqual({ 'HYD-BOOTSTRAP-REMOVED': 'FAIL', 'HYD-USERS-IN-GROUPS': 'FAIL' });
    const removed = x.results.find((y) => y.id === 'HYD-BOOTSTRAP-REMOVED')!;
    expect(removed.message).toContain('user bootstrap still exists');
    expect(removed.message).toContain('gets * on * from admin');
  });

  it('reads the same from the snapshot directory as from the bundle', async () => {
    const dir = await runBaseline(
      inputFromSnapshot(readSnapshot(`${FIXTURES}/seed`), {
        now: NOW,
        escalation: ADMIN_ONLY_ESCALATION,
        oracle: engineOracle,
      }),
      {
        only: ['HYD-ROOT-MFA', 'HYD-TRAIL', 'HYD-ALARM-IAM', 'CIS-ROOT-USE'],
      },
    );
    expect(statuses(dir)).toEqual({
      'HYD-ROOT-MFA': 'PASS',
      'HYD-TRAIL': 'PASS',
      'HYD-ALARM-IAM': 'PASS',
      'CIS-ROOT-USE': 'PASS',
    });
    expect(dir.results[0].evidence[0]).toMatchObject({
      file: `${FIXTURES}/seed/iam-get-account-summary.json`,
      path: '$.SummaryMap.AccountMFAEnabled',
      value: 1,
    });
  });
});

describe('HYD-ESCALATION from the account escalation analysis (escalation-spec.md)', () => {
  it('the seed: only the admin role (IAMFullAccess: iam-005) and its assumer alice reach admin', async () => {
    const e = escalationInput(readSnapshot(`${FIXTURES}/seed`));
    expect(e.escalating?.map((x) => x.principal).sort()).toEqual([
      'arn:aws:iam::111122223333:role/littleware/account/user/littleAdmin',
      'arn:aws:iam::111122223333:user/alice',
    ]);
    expect(e.undecided).toEqual([]);
    const r = await audit(seed(), ['HYD-ESCALATION'], e);
    expect(r.results[0].status).toBe('PASS');
  }, 120_000);
  it('an operator policy that may attach role policies lets the operator escalate: FAIL', async () => {
    const b = seed();
    managedPolicy(b, 'admin').Statement.push({
      Effect: 'Allow',
      Action: 'iam:AttachRolePolicy',
      Resource: '*',
    });
    const e = escalationInput(snapshotFromValue(structuredClone(b)));
    const r = await audit(b, ['HYD-ESCALATION'], e);
    expect(r.results[0].status).toBe('FAIL');
    expect(r.results[0].message).toContain('littleOperator');
  }, 120_000);
  it('without the inventories the analysis needs, UNKNOWN names what is missing', async () => {
    const b = seed();
    delete b.resources;
    const e = escalationInput(snapshotFromValue(structuredClone(b)));
    const r = await audit(b, ['HYD-ESCALATION'], e);
    expect(r.results[0].status).toBe('UNKNOWN');
    expect(r.results[0].message).toMatch(/is missing from the snapshot/);
  }, 120_000);
});

describe('a fresh account (root user only, no MFA, nothing set up)', () => {
  let r: BaselineReport;
  beforeAll(async () => {
    r = await runBaseline(
      inputFromSnapshot(readSnapshot(`${FIXTURES}/fresh`), { now: NOW, oracle: engineOracle }),
    );
  }, 60_000);

  it('fails root MFA, password policy, trail, alarms, public access block and the group and role controls', () => {
    const s = statuses(r);
    for (const id of [
      'HYD-ROOT-MFA',
      'HYD-PASSWORD-POLICY',
      'HYD-TRAIL',
      'HYD-ALARM-IAM',
      'HYD-ALARM-ROOT',
      'HYD-ALARM-BUDGET',
      'HYD-ALARM-GUARDDUTY',
      'HYD-S3-BPA',
      'HYD-GROUPS-ROLES admin',
      'HYD-GROUPS-ROLES operator',
      'HYD-GROUPS-ROLES developer',
      'HYD-ROLE-MFA',
      'HYD-ROLE-ADMIN',
      'HYD-ROLE-OPERATOR',
      'HYD-ROLE-DEVELOPER',
      'HYD-ACCOUNT-ALIAS',
    ]) {
      expect(s[id], id).toBe('FAIL');
    }
  });

  it('a recorded NoSuchEntity / NoSuchPublicAccessBlockConfiguration is a FAIL citing the error code', () => {
    const pw = r.results.find((x) => x.id === 'HYD-PASSWORD-POLICY')!;
    expect(pw.evidence[0]).toMatchObject({ path: '$.Error.Code', value: 'NoSuchEntity' });
    const bpa = r.results.find((x) => x.id === 'HYD-S3-BPA')!;
    expect(bpa.evidence[0]).toMatchObject({
      path: '$.Error.Code',
      value: 'NoSuchPublicAccessBlockConfiguration',
    });
  });

  it('has an empty principals graph but the root node', () => {
    expect(r.graph.nodes.map((n) => n.kind)).toEqual(['root']);
  });
});
