/**
 * The account snapshot reader: both forms, URL-encoded documents, policy versions, optional
 * exports, and located errors for malformed input.
 * Shapes: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 * (documents "URL-encoded compliant with RFC 3986"), credential report columns:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyParseError } from '../../src/policy/issues.js';
import {
  accountLabel,
  commandKey,
  credentialRow,
  exportOf,
  guardrails,
  missing,
  missingExport,
  readSnapshot,
  readSnapshotBundle,
  snapshotFromValue,
} from '../../src/sources/account/index.js';

const FIX = new URL('../fixtures/account/', import.meta.url).pathname;
const A = '111122223333';

function errorOf(fn: () => unknown): PolicyParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyParseError) return e;
    throw e;
  }
  throw new Error('expected a PolicyParseError');
}

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe('snapshot reader: bundle form', () => {
  it('reads the Attini bundle: principals, resource policy and alias', () => {
    const s = readSnapshot(join(FIX, 'attini.json'));
    expect(s.form).toBe('bundle');
    expect(s.accounts.map((a) => a.id)).toEqual([A]);
    const a = s.accounts[0];
    expect(a.alias).toBe('attini-prod');
    expect(a.roles.map((r) => r.arn)).toContain(
      `arn:aws:iam::${A}:role/attini/attini-init-deploy-lambda-role-eu-west-1`,
    );
    expect(s.resourcePolicies?.[0].policy.document.statements[0].sid?.value).toBe('RestrictDeploymentAccess');
    // AmazonS3FullAccess is not in the export: the bundled AWS managed policies supply it.
    expect(a.policies.get('arn:aws:iam::aws:policy/AmazonS3FullAccess')?.source).toBe(
      'bundled AWS managed policies',
    );
    expect(accountLabel(s, A)).toBe(`${A} (attini-prod)`);
    expect(missing(s, 'scps')).toMatch(/scps\.json .* is missing/);
    expect(missing(s, 'resourcePolicies')).toBeUndefined();
  });

  it('reads the credential report from CSV text', () => {
    const s = readSnapshot(join(FIX, 'circleci.json'));
    const row = credentialRow(s, `arn:aws:iam::${A}:user/circleci_service`);
    expect(row?.access_key_1_active).toBe('true');
    expect(row?.password_enabled).toBe('false');
    expect(
      s.accounts[0].policies.get(`arn:aws:iam::${A}:policy/s3_full_access_devops_builds`)?.versions,
    ).toHaveLength(1);
  });

  it('keeps every policy version and evaluates the one marked IsDefaultVersion', () => {
    const s = snapshotFromValue({
      authorizationDetails: {
        Policies: [
          {
            PolicyName: 'p',
            Arn: `arn:aws:iam::${A}:policy/p`,
            DefaultVersionId: 'v2',
            PolicyVersionList: [
              {
                VersionId: 'v1',
                IsDefaultVersion: false,
                Document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
              },
              {
                VersionId: 'v2',
                IsDefaultVersion: true,
                Document: encodeURIComponent(
                  JSON.stringify(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })),
                ),
              },
            ],
          },
        ],
      },
    });
    const p = s.accounts[0].policies.get(`arn:aws:iam::${A}:policy/p`)!;
    expect(p.versions.map((v) => v.versionId)).toEqual(['v1', 'v2']);
    expect(p.defaultVersion.urlEncoded).toBe(true);
    expect(p.defaultVersion.document.statements[0].action?.[0].value).toBe('s3:GetObject');
  });

  it('reads SCP levels root first, per account or for all, in describe-policy shape too', () => {
    const s = snapshotFromValue({
      authorizationDetails: { UserDetailList: [{ UserName: 'u', Arn: `arn:aws:iam::${A}:user/u` }] },
      scps: {
        '*': [[{ name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }]],
        [A]: [
          [
            {
              Policy: {
                PolicySummary: { Name: 'DenyIam' },
                Content: JSON.stringify(doc({ Effect: 'Deny', Action: 'iam:*', Resource: '*' })),
              },
            },
          ],
        ],
      },
    });
    const levels = guardrails(s, 'scps', A)!;
    expect(levels.map((l) => l.map((p) => p.name))).toEqual([['FullAWSAccess'], ['DenyIam']]);
    expect(guardrails(s, 'rcps', A)).toBeUndefined();
  });

  it('takes exports keyed by the AWS CLI command from "resources"', () => {
    const s = snapshotFromValue({
      authorizationDetails: { UserDetailList: [{ UserName: 'u', Arn: `arn:aws:iam::${A}:user/u` }] },
      resources: {
        'lambda list-functions': { Functions: [] },
        'iam-get-account-password-policy': { PasswordPolicy: {} },
      },
    });
    expect(exportOf(s, 'lambda list-functions')?.value).toEqual({ Functions: [] });
    expect(exportOf(s, 'iam get-account-password-policy')).toBeDefined();
    expect(missingExport(s, 'ec2 describe-instances')).toBe(
      'resources/ec2 describe-instances.json (aws ec2 describe-instances) is missing from the snapshot',
    );
  });
});

describe('snapshot reader: directory form', () => {
  it('reads the bootstrap directory: URL-encoded trust policy, list-account-aliases, inventories', () => {
    const s = readSnapshot(join(FIX, 'bootstrap'));
    expect(s.form).toBe('directory');
    const a = s.accounts[0];
    expect(a.alias).toBe('little-prod');
    const admin = a.roles.find((r) => r.name === 'littleAdmin')!;
    expect(admin.trust.urlEncoded).toBe(true);
    expect(admin.trust.document.statements[0].conditions[0].key.value).toBe('aws:MultiFactorAuthPresent');
    expect(a.users.find((u) => u.name === 'alice')?.groups).toEqual(['administrator']);
    expect(
      a.policies.get('arn:aws:iam::aws:policy/AdministratorAccess')?.defaultVersion.document.statements,
    ).toHaveLength(1);
    expect([...s.exports.keys()].sort()).toEqual([
      'lambda list-event-source-mappings',
      'lambda list-functions',
    ]);
  });

  it('warns about files it does not know, and reads dashed command names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-snap-'));
    writeFileSync(
      join(dir, 'iam-get-account-authorization-details.json'),
      JSON.stringify({ UserDetailList: [{ UserName: 'u', Arn: `arn:aws:iam::${A}:user/u` }] }),
    );
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    writeFileSync(
      join(dir, 'iam-get-account-password-policy.json'),
      '{"PasswordPolicy": {"MinimumPasswordLength": 14}}',
    );
    mkdirSync(join(dir, 'resources'));
    writeFileSync(join(dir, 'resources', 'ec2-describe-instances.json'), '{"Reservations": []}');
    const s = readSnapshot(dir);
    expect(s.warnings.join('\n')).toMatch(/notes\.txt: ignored/);
    expect([...s.exports.keys()].sort()).toEqual([
      'ec2 describe-instances',
      'iam get-account-password-policy',
    ]);
  });

  it('needs the authorization details', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-snap-'));
    expect(errorOf(() => readSnapshot(dir)).message).toMatch(
      /No iam-get-account-authorization-details\.json/,
    );
  });
});

describe('snapshot reader: located errors', () => {
  it('locates invalid JSON', () => {
    const e = errorOf(() => readSnapshotBundle('{\n  "authorizationDetails": {,\n}', 'snap.json'));
    expect(e.message).toMatch(/^snap\.json:2:\d+: Invalid JSON/);
  });

  it('locates a member of the wrong type with its JSON path and line', () => {
    const text = JSON.stringify({ authorizationDetails: { UserDetailList: { oops: 1 } } }, null, 2);
    const e = errorOf(() => readSnapshotBundle(text, 'snap.json'));
    expect(e.message).toMatch(/^snap\.json:3:\d+: UserDetailList must be a JSON array, found object/);
  });

  it('locates a malformed policy inside the export at its statement', () => {
    const text = JSON.stringify(
      {
        authorizationDetails: {
          RoleDetailList: [
            {
              RoleName: 'r',
              Arn: `arn:aws:iam::${A}:role/r`,
              AssumeRolePolicyDocument: doc({
                Effect: 'Allw',
                Principal: { Service: 'ec2.amazonaws.com' },
                Action: 'sts:AssumeRole',
              }),
            },
          ],
        },
      },
      null,
      2,
    );
    const e = errorOf(() => readSnapshotBundle(text, 'snap.json'));
    expect(e.issues[0].location.span.start.line).toBe(11);
    expect(e.message).toMatch(/r trust policy: .*Allw/);
    expect(e.message).toMatch(/RoleDetailList\[0\]\.AssumeRolePolicyDocument\.Statement\[0\]\.Effect/);
  });

  it('rejects two default versions, an unknown bundle member, and non-export data', () => {
    const two = {
      authorizationDetails: {
        Policies: [
          {
            PolicyName: 'p',
            Arn: `arn:aws:iam::${A}:policy/p`,
            PolicyVersionList: [
              {
                VersionId: 'v1',
                IsDefaultVersion: true,
                Document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
              },
              {
                VersionId: 'v2',
                IsDefaultVersion: true,
                Document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
              },
            ],
          },
        ],
      },
    };
    expect(errorOf(() => snapshotFromValue(two)).message).toMatch(
      /exactly one version with IsDefaultVersion true, found 2/,
    );
    expect(errorOf(() => snapshotFromValue({ authorizationDetails: {}, scp: [] })).message).toMatch(
      /Unknown member "scp"/,
    );
    expect(errorOf(() => snapshotFromValue({ authorizationDetails: { Users: [] } })).message).toMatch(
      /Not get-account-authorization-details output/,
    );
    expect(
      errorOf(() => snapshotFromValue({ authorizationDetails: { UserDetailList: [] } })).message,
    ).toMatch(/holds no account/);
  });

  it('rejects a URL-encoded document that is not valid URL encoding', () => {
    const bad = {
      authorizationDetails: {
        RoleDetailList: [
          { RoleName: 'r', Arn: `arn:aws:iam::${A}:role/r`, AssumeRolePolicyDocument: '%7B%E0%A4%A' },
        ],
      },
    };
    expect(errorOf(() => snapshotFromValue(bad)).message).toMatch(/not valid URL encoding/);
  });
});

describe('export keys', () => {
  it('maps file names to AWS CLI commands', () => {
    expect(commandKey('lambda list-functions')).toBe('lambda list-functions');
    expect(commandKey('ec2-describe-launch-template-versions')).toBe('ec2 describe-launch-template-versions');
    expect(commandKey('ec2-instance-connect-describe-x')).toBe('ec2-instance-connect describe-x');
    expect(commandKey('scps')).toBeUndefined();
  });
});
