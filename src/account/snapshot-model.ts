/**
 * The account snapshot: what `aws iam get-account-authorization-details` and the optional
 * side exports say about one or several AWS accounts, typed and with every policy parsed.
 * Engines (src/account, src/baseline) read this model only; they never see files.
 */
import type { PathElement } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';

/** Where a value came from: the file and the JSON path inside it. */
export interface Origin {
  file: string;
  path: PathElement[];
}

/** A policy document of the snapshot, parsed, with its origin (inline policy, version, trust...). */
export interface SnapshotPolicy {
  /** The policy name (inline: its name; managed: its name; trust: `trust policy`). */
  name: string;
  document: PolicyDocument;
  origin: Origin;
  /** True when the document was a URL-encoded string (as the IAM API returns it). */
  urlEncoded?: boolean;
}

export interface ManagedPolicyVersion {
  versionId: string;
  isDefault: boolean;
  createDate?: string;
  policy: SnapshotPolicy;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  path: string;
  /** AWS managed (`arn:aws:iam::aws:policy/...`) rather than customer managed. */
  awsManaged: boolean;
  defaultVersionId?: string;
  /** Every version the export holds, in the export's order. */
  versions: ManagedPolicyVersion[];
  /** The default version's document (the one IAM evaluates). */
  defaultVersion: SnapshotPolicy;
  attachmentCount?: number;
  permissionsBoundaryUsageCount?: number;
  isAttachable?: boolean;
  /** Where the document came from when the export did not hold it. */
  source: 'snapshot' | 'bundled AWS managed policies';
}

export interface Tag {
  key: string;
  value: string;
}

interface PrincipalCommon {
  arn: string;
  name: string;
  path: string;
  id?: string;
  account: string;
  createDate?: string;
  inline: SnapshotPolicy[];
  /** ARNs of attached managed policies. */
  attached: string[];
  tags: Tag[];
  origin: Origin;
}

export interface UserRecord extends PrincipalCommon {
  kind: 'user';
  /** Group names, as the export lists them. */
  groups: string[];
  boundary?: string;
}

export interface GroupRecord extends PrincipalCommon {
  kind: 'group';
}

export interface InstanceProfile {
  arn: string;
  name: string;
  path: string;
}

export interface RoleRecord extends PrincipalCommon {
  kind: 'role';
  trust: SnapshotPolicy;
  boundary?: string;
  instanceProfiles: InstanceProfile[];
  lastUsed?: string;
}

export interface AccountDetails {
  id: string;
  alias?: string;
  users: UserRecord[];
  groups: GroupRecord[];
  roles: RoleRecord[];
  /** Managed policies by ARN (customer managed of this account and the AWS managed ones seen). */
  policies: Map<string, ManagedPolicy>;
}

/** A resource-based policy (S3, SQS, SNS, KMS, Lambda, Secrets Manager, ECR...). */
export interface ResourcePolicy {
  arn: string;
  policy: SnapshotPolicy;
}

/** One row of the IAM credential report, columns as AWS names them. */
export type CredentialRow = Record<string, string>;

/** A side export, keyed by the AWS CLI command that produced it (`lambda list-functions`). */
export interface Export {
  value: unknown;
  file: string;
  /** JSON path of the value inside the file (empty for a file of its own). */
  path: PathElement[];
}

/** SCPs or RCPs: one array per organization level, root first. */
export type PolicyLevels = SnapshotPolicy[][];

export interface OrganizationInfo {
  id?: string;
  managementAccount?: string;
}

export interface AccountSnapshot {
  /** The snapshot's path (a directory or a bundle file). */
  source: string;
  form: 'directory' | 'bundle';
  accounts: AccountDetails[];
  /**
   * Guardrails per account id; the key `*` holds the levels that apply to every account of
   * the snapshot. Undefined when the snapshot has none (see `missing`).
   */
  scps?: Map<string, PolicyLevels>;
  rcps?: Map<string, PolicyLevels>;
  organization?: OrganizationInfo;
  resourcePolicies?: ResourcePolicy[];
  credentialReport?: CredentialRow[];
  /** Every other export, keyed by the AWS CLI command (`service command`). */
  exports: Map<string, Export>;
  /** Account id -> alias. */
  aliases: Map<string, string>;
  /** Merely unusual input: warned about, marked, and carried on. */
  warnings: string[];
}

/** The optional parts of a snapshot, by the name `missing()` reports. */
export type SnapshotPart = 'scps' | 'rcps' | 'resourcePolicies' | 'credentialReport' | 'accountAliases';
