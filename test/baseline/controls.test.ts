/**
 * Every control with a passing snapshot (the seed account brought up to the CIS controls) and a
 * failing one (one change to it). The rules are ../shared/baseline-controls.md; the AWS pages each
 * rule reads are cited at the cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaselineReport } from '../../src/baseline/index.js';
import { CONTROLS } from '../../src/baseline/index.js';
import { shutdownSolver } from '../../src/reason/index.js';
import {
  ACCOUNT,
  ADMIN_ONLY_ESCALATION,
  audit,
  BUCKET,
  type Bundle,
  complete,
  managedPolicy,
  role,
  setCell,
  TOPIC,
  TRAIL,
} from './helpers.js';

afterAll(() => shutdownSolver());

let good: BaselineReport;
beforeAll(async () => {
  good = await audit(complete(), undefined, ADMIN_ONLY_ESCALATION);
}, 120_000);

const aws = (b: Bundle, key: string) => b[key];
const set = (o: Bundle, key: string, value: unknown) => {
  o[key] = value;
};

/** One change that breaks the control, and why (AWS page or spec rule). */
const BREAK: Record<string, { why: string; change: (b: Bundle) => void }> = {
  'HYD-ROOT-MFA': {
    why: 'GetAccountSummary AccountMFAEnabled 0 (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html)',
    change: (b) => {
      aws(b, 'iam get-account-summary').SummaryMap.AccountMFAEnabled = 0;
    },
  },
  'CIS-ROOT-HWMFA': {
    why: 'a virtual MFA device assigned to the root user (ListVirtualMFADevices)',
    change: (b) => {
      aws(b, 'iam list-virtual-mfa-devices').VirtualMFADevices.push({
        SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
        User: { Arn: `arn:aws:iam::${ACCOUNT}:root` },
      });
    },
  },
  'CIS-ROOT-KEYS': {
    why: 'AccountAccessKeysPresent 1',
    change: (b) => {
      aws(b, 'iam get-account-summary').SummaryMap.AccountAccessKeysPresent = 1;
    },
  },
  'CIS-ROOT-USE': {
    why: 'credential report: root password used two days before the report',
    change: (b) => setCell(b, '<root_account>', 'password_last_used', '2026-12-02T09:00:00+00:00'),
  },
  'HYD-PASSWORD-POLICY': {
    why: 'PasswordReusePrevention 1 < the seed 3 (API_PasswordPolicy)',
    change: (b) => {
      aws(b, 'iam get-account-password-policy').PasswordPolicy.PasswordReusePrevention = 1;
    },
  },
  'CIS-PW-UPPER': {
    why: 'RequireUppercaseCharacters false',
    change: (b) =>
      set(aws(b, 'iam get-account-password-policy').PasswordPolicy, 'RequireUppercaseCharacters', false),
  },
  'CIS-PW-LOWER': {
    why: 'RequireLowercaseCharacters false',
    change: (b) =>
      set(aws(b, 'iam get-account-password-policy').PasswordPolicy, 'RequireLowercaseCharacters', false),
  },
  'CIS-PW-SYMBOL': {
    why: 'RequireSymbols false',
    change: (b) => set(aws(b, 'iam get-account-password-policy').PasswordPolicy, 'RequireSymbols', false),
  },
  'CIS-PW-NUMBER': {
    why: 'RequireNumbers false',
    change: (b) => set(aws(b, 'iam get-account-password-policy').PasswordPolicy, 'RequireNumbers', false),
  },
  'CIS-PW-LENGTH': {
    why: 'the seed length 12 < 14',
    change: (b) => set(aws(b, 'iam get-account-password-policy').PasswordPolicy, 'MinimumPasswordLength', 12),
  },
  'CIS-PW-REUSE': {
    why: 'the seed reuse 3 < 24',
    change: (b) =>
      set(aws(b, 'iam get-account-password-policy').PasswordPolicy, 'PasswordReusePrevention', 3),
  },
  'CIS-PW-EXPIRY': {
    why: 'MaxPasswordAge 180 > 90',
    change: (b) => set(aws(b, 'iam get-account-password-policy').PasswordPolicy, 'MaxPasswordAge', 180),
  },
  'HYD-USER-MFA': {
    why: 'a developer-group member without MFA',
    change: (b) => setCell(b, 'dave', 'mfa_active', 'false'),
  },
  'HYD-KEY-ROTATION': {
    why: 'an active key last rotated in 2025',
    change: (b) => setCell(b, 'alice', 'access_key_1_last_rotated', '2025-06-01T00:00:00+00:00'),
  },
  'CIS-UNUSED-CREDS': {
    why: 'a password unused for 200 days',
    change: (b) => setCell(b, 'olivia', 'password_last_used', '2026-05-18T00:00:00+00:00'),
  },
  'HYD-USERS-IN-GROUPS': {
    why: 'a user in no group, with its own policy',
    change: (b) => {
      b.authorizationDetails.UserDetailList.push({
        Path: '/',
        UserName: 'ci',
        UserId: 'AIDACIXXXXXXXXXX',
        Arn: `arn:aws:iam::${ACCOUNT}:user/ci`,
        CreateDate: '2026-01-01T00:00:00Z',
        UserPolicyList: [
          {
            PolicyName: 'deploy',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::site/*' }],
            },
          },
        ],
        GroupList: [],
        AttachedManagedPolicies: [],
        Tags: [],
      });
    },
  },
  'HYD-BOOTSTRAP-REMOVED': {
    why: "the seed's bootstrap user, still there with its MFA-conditioned Allow * on *",
    change: (b) => {
      b.authorizationDetails.UserDetailList.push({
        Path: '/',
        UserName: 'bootstrap',
        UserId: 'AIDABOOTSTRAPXXX',
        Arn: `arn:aws:iam::${ACCOUNT}:user/bootstrap`,
        CreateDate: '2019-06-30T00:00:00Z',
        // seeds/001: the bootstrap user's policy, verbatim.
        UserPolicyList: [
          {
            PolicyName: 'bootstrap-admin',
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
    },
  },
  'CIS-NO-ADMIN-POLICY': {
    why: 'an attached customer managed policy with Allow * on *',
    change: (b) => {
      const p = b.authorizationDetails.Policies.find((x: Bundle) => x.PolicyName === 'userRotateKeys');
      p.PolicyVersionList[0].Document = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      };
    },
  },
  'CIS-SUPPORT-ROLE': {
    why: 'AWSSupportAccess attached nowhere',
    change: (b) => {
      const r = role(b, 'littleAdmin');
      r.AttachedManagedPolicies = r.AttachedManagedPolicies.filter(
        (a: Bundle) => a.PolicyName !== 'AWSSupportAccess',
      );
    },
  },
  'HYD-GROUPS-ROLES': {
    why: 'the developer group may no longer assume its role (its assume policy removed)',
    change: (b) => {
      const g = b.authorizationDetails.GroupDetailList.find((x: Bundle) => x.GroupName === 'littleDeveloper');
      g.AttachedManagedPolicies = g.AttachedManagedPolicies.filter(
        (a: Bundle) => a.PolicyName !== 'assumeDeveloperMFA',
      );
    },
  },
  'HYD-ROLE-MFA': {
    why: 'the operator group may assume its role with BoolIfExists, which matches when MFA is absent (condition-keys page, aws:MultiFactorAuthPresent)',
    change: (b) => {
      managedPolicy(b, 'assumeOperatorMFA').Statement[0].Condition = {
        BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' },
      };
    },
  },
  'HYD-ROLE-ADMIN': {
    why: 'IAMFullAccess detached from the admin role: it can no longer write IAM',
    change: (b) => {
      const r = role(b, 'littleAdmin');
      r.AttachedManagedPolicies = r.AttachedManagedPolicies.filter(
        (a: Bundle) => a.PolicyName !== 'IAMFullAccess',
      );
    },
  },
  'HYD-ROLE-OPERATOR': {
    why: "the operator's policy also allows iam:Put*",
    change: (b) => {
      managedPolicy(b, 'admin').Statement.push({ Effect: 'Allow', Action: 'iam:Put*', Resource: '*' });
    },
  },
  'HYD-ROLE-DEVELOPER': {
    why: 'the developer policy allows ec2:RunInstances',
    change: (b) => {
      managedPolicy(b, 'developer').Statement.push({
        Effect: 'Allow',
        Action: 'ec2:RunInstances',
        Resource: '*',
      });
    },
  },
  'HYD-TRAIL': {
    why: 'the trail stopped logging (GetTrailStatus IsLogging false)',
    change: (b) => set(b['cloudtrail get-trail-status'][TRAIL], 'IsLogging', false),
  },
  'CIS-CT-MULTIREGION': {
    why: 'write-only management events (the seed trail)',
    change: (b) =>
      set(b['cloudtrail get-event-selectors'][TRAIL].EventSelectors[0], 'ReadWriteType', 'WriteOnly'),
  },
  'CIS-CT-VALIDATION': {
    why: 'LogFileValidationEnabled false',
    change: (b) => set(b['cloudtrail describe-trails'].trailList[0], 'LogFileValidationEnabled', false),
  },
  'CIS-CT-CWLOGS': {
    why: 'last CloudWatch Logs delivery two days ago',
    change: (b) =>
      set(
        b['cloudtrail get-trail-status'][TRAIL],
        'LatestCloudWatchLogsDeliveryTime',
        '2026-12-02T05:00:00+00:00',
      ),
  },
  'CIS-CT-KMS': {
    why: 'no KmsKeyId',
    change: (b) => void delete b['cloudtrail describe-trails'].trailList[0].KmsKeyId,
  },
  'CIS-CT-BUCKET-PRIVATE': {
    why: 'the trail bucket ACL grants AllUsers read',
    change: (b) =>
      void b['s3api get-bucket-acl'][BUCKET].Grants.push({
        Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
        Permission: 'READ',
      }),
  },
  'CIS-CT-BUCKET-LOGGING': {
    why: 'no server access logging',
    change: (b) => set(b['s3api get-bucket-logging'], BUCKET, {}),
  },
  'CIS-CONFIG': {
    why: 'the recorder is stopped',
    change: (b) =>
      set(
        b['configservice describe-configuration-recorder-status'].ConfigurationRecordersStatus[0],
        'recording',
        false,
      ),
  },
  'CIS-KMS-ROTATION': {
    why: 'rotation off',
    change: (b) =>
      set(
        b['kms get-key-rotation-status']['1234abcd-12ab-34cd-56ef-1234567890ab'],
        'KeyRotationEnabled',
        false,
      ),
  },
  'HYD-S3-BPA': {
    why: 'RestrictPublicBuckets false',
    change: (b) =>
      set(
        b['s3control get-public-access-block'].PublicAccessBlockConfiguration,
        'RestrictPublicBuckets',
        false,
      ),
  },
  'HYD-SNS-TOPIC': {
    why: 'the e-mail subscription is not confirmed',
    change: (b) =>
      set(
        b['sns list-subscriptions-by-topic'][TOPIC].Subscriptions[0],
        'SubscriptionArn',
        'PendingConfirmation',
      ),
  },
  'HYD-ALARM-IAM': {
    why: "the seed's IAM filter without its eventSource term (a different pattern)",
    change: (b) => {
      const f = b['logs describe-metric-filters'].metricFilters.find(
        (x: Bundle) => x.metricTransformations[0].metricName === 'IAMPolicyEventCount',
      );
      f.filterPattern = '{ ($.eventName = "Put*") || ($.eventName = "Attach*") }';
      // The CIS CloudWatch.4 filter also meets the control: remove it too.
      b['logs describe-metric-filters'].metricFilters = b[
        'logs describe-metric-filters'
      ].metricFilters.filter((x: Bundle) => x.filterName !== 'cis-4');
    },
  },
  'HYD-ALARM-ROOT': {
    why: 'the root alarms (the seed one and the CIS CloudWatch.1 one) have their actions disabled',
    change: (b) => {
      for (const a of b['cloudwatch describe-alarms'].MetricAlarms)
        if (a.AlarmName === 'root_account_login' || a.AlarmName === 'cis-1') a.ActionsEnabled = false;
    },
  },
  'HYD-ALARM-BUDGET': {
    why: 'the topic policy no longer lets budgets.amazonaws.com publish (https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html)',
    change: (b) => {
      const attrs = b['sns get-topic-attributes'][TOPIC].Attributes;
      const p = JSON.parse(attrs.Policy);
      // The statements for budgets.amazonaws.com and for any principal of the account (AWS "*" with
      // AWS:SourceAccount, which the evaluator matches for the service too) both go.
      p.Statement = p.Statement.filter(
        (s: Bundle) =>
          s.Sid !== 'TrustBudgetsToPublishEventsToMyTopic' && s.Sid !== 'TrustAccountToPublishEvents',
      );
      attrs.Policy = JSON.stringify(p);
    },
  },
  'HYD-ALARM-GUARDDUTY': {
    why: 'the detector is disabled',
    change: (b) => set(b['guardduty get-detector']['12abc34d567e8fa901bc2d34e56789f0'], 'Status', 'DISABLED'),
  },
  'HYD-ACCOUNT-ALIAS': {
    why: 'an alias without a dev/test/prod segment',
    change: (b) => set(b['iam list-account-aliases'], 'AccountAliases', ['bboq-website']),
  },
  'HYD-TAGS': {
    why: 'the trail bucket lacks the role tag',
    change: (b) =>
      set(
        b['s3api get-bucket-tagging'][BUCKET],
        'TagSet',
        b['s3api get-bucket-tagging'][BUCKET].TagSet.filter((t: Bundle) => t.Key !== 'role'),
      ),
  },
};
for (let n = 1; n <= 14; n++) {
  BREAK[`CIS-CW-${n}`] = {
    why: `the CIS CloudWatch.${n} metric filter deleted`,
    change: (b) => {
      b['logs describe-metric-filters'].metricFilters = b[
        'logs describe-metric-filters'
      ].metricFilters.filter((f: Bundle) => f.filterName !== `cis-${n}`);
      // CW.1 and CW.4 are also met by the seed's own filters (same patterns); remove those too.
      if (n === 1)
        b['logs describe-metric-filters'].metricFilters = b[
          'logs describe-metric-filters'
        ].metricFilters.filter((f: Bundle) => !f.filterName.startsWith('rootAccountAlarm'));
    },
  };
}

describe('every control has a passing and a failing snapshot', () => {
  it('covers every control of the registry', () => {
    expect(Object.keys(BREAK).sort()).toEqual(
      CONTROLS.map((c) => c.meta.id)
        .filter((id) => id !== 'HYD-ESCALATION')
        .sort(),
    );
  });

  for (const c of CONTROLS) {
    const id = c.meta.id;
    if (id === 'HYD-ESCALATION') continue;
    it(`${id}: PASS on the complete snapshot, FAIL when ${BREAK[id]?.why}`, async () => {
      const mine = good.results.filter((r) => r.id === id);
      expect(mine.length).toBeGreaterThan(0);
      expect(
        mine.map((r) => `${r.subject ?? ''} ${r.status}: ${r.message}`).filter((s) => !/ PASS: /.test(s)),
      ).toEqual([]);
      const b = complete();
      BREAK[id].change(b);
      const bad = await audit(b, [id], ADMIN_ONLY_ESCALATION);
      expect(bad.results.some((r) => r.status === 'FAIL')).toBe(true);
      for (const r of bad.results.filter((x) => x.status === 'FAIL'))
        expect(r.evidence.length + r.message.length).toBeGreaterThan(0);
    }, 60_000);
  }

  it('HYD-ESCALATION: PASS when only the admin role escalates, FAIL when the developer role does, UNKNOWN without the analysis', async () => {
    expect(good.results.find((r) => r.id === 'HYD-ESCALATION')?.status).toBe('PASS');
    const dev = `arn:aws:iam::${ACCOUNT}:role/littleware/account/user/littleDeveloper`;
    const bad = await audit(complete(), ['HYD-ESCALATION'], {
      escalating: [
        ...ADMIN_ONLY_ESCALATION.escalating!,
        { principal: dev, via: 'iam:PassRole + lambda:CreateFunction' },
      ],
    });
    expect(bad.results[0].status).toBe('FAIL');
    expect(bad.results[0].message).toContain(dev);
    const none = await audit(complete(), ['HYD-ESCALATION']);
    expect(none.results[0].status).toBe('UNKNOWN');
  });
});

describe('UNKNOWN: a missing export or a recorded error other than "not found"', () => {
  it('a missing export is UNKNOWN and names the command', async () => {
    const b = complete();
    delete b['iam get-account-password-policy'];
    const r = await audit(b, ['HYD-PASSWORD-POLICY']);
    expect(r.results[0]).toMatchObject({
      status: 'UNKNOWN',
      message: 'the export `aws iam get-account-password-policy` is missing',
    });
  });
  it('AccessDenied recorded for the export is UNKNOWN, NoSuchEntity is FAIL', async () => {
    const b = complete();
    b['iam get-account-password-policy'] = { Error: { Code: 'AccessDenied', Message: 'not authorized' } };
    expect((await audit(b, ['HYD-PASSWORD-POLICY'])).results[0].status).toBe('UNKNOWN');
    b['iam get-account-password-policy'] = { Error: { Code: 'NoSuchEntity', Message: 'no policy' } };
    expect((await audit(b, ['HYD-PASSWORD-POLICY'])).results[0].status).toBe('FAIL');
  });
  it('a missing per-trail status leaves HYD-TRAIL UNKNOWN rather than PASS', async () => {
    const b = complete();
    delete b['cloudtrail get-trail-status'];
    expect((await audit(b, ['HYD-TRAIL'])).results[0].status).toBe('UNKNOWN');
  });
});

describe('evidence', () => {
  it('a FAIL cites the export file and the JSON path of the value', async () => {
    const b = complete();
    BREAK['HYD-S3-BPA'].change(b);
    const r = await audit(b, ['HYD-S3-BPA']);
    expect(r.results[0].evidence).toEqual([
      {
        export: 's3control get-public-access-block',
        file: '<test snapshot>',
        path: '$["s3control get-public-access-block"].PublicAccessBlockConfiguration.RestrictPublicBuckets',
        value: false,
      },
    ]);
  });
});
