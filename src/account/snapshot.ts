/**
 * Typed accessors over an AccountSnapshot, and the "unknown because X is missing" answers.
 * New exports are added by key (the AWS CLI command that produces them): `exportOf(s, key)`.
 */
import type {
  AccountDetails,
  AccountSnapshot,
  CredentialRow,
  Export,
  PolicyLevels,
  ResourcePolicy,
  SnapshotPart,
} from './snapshot-model.js';

/** Files of the directory form with a fixed meaning (everything else named `service command.json` is an export). */
export const SNAPSHOT_FILES = {
  authorizationDetails: 'iam-get-account-authorization-details.json',
  scps: 'scps.json',
  rcps: 'rcps.json',
  organization: 'organizations-describe-organization.json',
  resourcePolicies: 'resource-policies.json',
  credentialReportCsv: 'credential-report.csv',
  credentialReportJson: 'iam-get-credential-report.json',
  accountAliases: 'account-aliases.json',
  listAccountAliases: 'iam-list-account-aliases.json',
  resources: 'resources',
} as const;

const PART_FILES: Record<SnapshotPart, string> = {
  scps: `${SNAPSHOT_FILES.scps} (service control policies)`,
  rcps: `${SNAPSHOT_FILES.rcps} (resource control policies)`,
  resourcePolicies: `${SNAPSHOT_FILES.resourcePolicies} (resource-based policies)`,
  credentialReport: `${SNAPSHOT_FILES.credentialReportCsv} (IAM credential report)`,
  accountAliases: `${SNAPSHOT_FILES.accountAliases} (account aliases)`,
};

/** Why a part is unknown ("scps.json (service control policies) is missing"), or undefined when present. */
export function missing(s: AccountSnapshot, part: SnapshotPart): string | undefined {
  const present = {
    scps: s.scps !== undefined,
    rcps: s.rcps !== undefined,
    resourcePolicies: s.resourcePolicies !== undefined,
    credentialReport: s.credentialReport !== undefined,
    accountAliases: s.aliases.size > 0,
  }[part];
  return present ? undefined : `${PART_FILES[part]} is missing from the snapshot`;
}

/** Why an export is unknown, or undefined when the snapshot holds it. */
export function missingExport(s: AccountSnapshot, key: string): string | undefined {
  return s.exports.has(key) ? undefined : `resources/${key}.json (aws ${key}) is missing from the snapshot`;
}

export function exportOf(s: AccountSnapshot, key: string): Export | undefined {
  return s.exports.get(key);
}

/** The SCP or RCP levels that govern an account: the levels for every account, then its own. */
export function guardrails(
  s: AccountSnapshot,
  kind: 'scps' | 'rcps',
  account: string,
): PolicyLevels | undefined {
  const map = s[kind];
  if (!map) return undefined;
  const all = map.get('*') ?? [];
  const own = map.get(account) ?? [];
  if (!map.has('*') && !map.has(account)) return undefined;
  return [...all, ...own];
}

/** `111122223333 (bboq-prod-website)`, or the id alone when no alias is known. */
export function accountLabel(s: AccountSnapshot, id: string): string {
  const alias = s.aliases.get(id);
  return alias ? `${id} (${alias})` : id;
}

export function findAccount(s: AccountSnapshot, id: string): AccountDetails | undefined {
  return s.accounts.find((a) => a.id === id);
}

const resourceIndex = new WeakMap<AccountSnapshot, Map<string, ResourcePolicy>>();

/** The resource-based policy attached to an ARN, when the snapshot lists one. */
export function resourcePolicyOf(s: AccountSnapshot, arn: string): ResourcePolicy | undefined {
  let index = resourceIndex.get(s);
  if (!index) {
    index = new Map((s.resourcePolicies ?? []).map((r) => [r.arn, r]));
    resourceIndex.set(s, index);
  }
  return index.get(arn);
}

/** The credential report row of a user ARN. */
export function credentialRow(s: AccountSnapshot, userArn: string): CredentialRow | undefined {
  return s.credentialReport?.find((r) => r.arn === userArn);
}
