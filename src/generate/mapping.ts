/**
 * CloudTrail event (eventSource, eventName, eventType, requestParameters) -> the IAM actions the
 * caller needed. The rules, in order:
 *
 * 1. Events that are not a caller's API call need no permission of the caller: sign-ins
 *    (eventType AwsConsoleSignIn, signin.amazonaws.com), events AWS services emit
 *    (AwsServiceEvent), Insights events, and network-activity records of VPC endpoints
 *    (AwsVpceEvent: the same call is logged as its own management or data event).
 *    https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html (eventType)
 * 2. eventSource -> service prefix with iam-dataset's cloudtrail_service_mappings (e.g.
 *    monitoring.amazonaws.com -> cloudwatch), else the host name's first label when the catalog
 *    knows it as a prefix.
 * 3. Calls that need no permission (iam-dataset's sdk_permissionless_actions), e.g.
 *    sts:GetCallerIdentity: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 * 4. Versioned event names lose their API-version suffix: Lambda's CreateFunction20150331,
 *    UpdateFunctionConfiguration20150331v2, CloudFront's CreateDistribution2020_05_31.
 * 5. Renamed actions: iam-dataset's method table (S3's PutBucketEncryption ->
 *    s3:PutEncryptionConfiguration ...) and S3 operations CloudTrail logs under names that are not
 *    actions, from https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html
 * 6. Otherwise the action of the same name, when the catalog has it.
 * Every action produced is checked against the catalog (and canonically spelled); an event that
 * maps to nothing known is `unmapped`, never dropped.
 *
 * Implied actions CloudTrail never logs but the call needed are added by implied.ts.
 */
import { canonicalActionName, getAction, serviceExists } from '../catalog/index.js';

export interface MappingData {
  /** eventSource -> IAM service prefix. */
  services: Record<string, string>;
  /** Lowercase `prefix:EventName` of calls that need no permission. */
  permissionless: Set<string>;
  /** Lowercase `prefix:EventName` -> IAM actions. */
  methods: Record<string, string[]>;
}

export interface EventFacts {
  eventSource: string;
  eventName: string;
  eventType?: string | null;
}

export type NoPermissionReason =
  | 'console sign-in'
  | 'service event'
  | 'insight event'
  | 'network activity (logged again as its own event)'
  | 'needs no permission';

export type Mapped =
  | { kind: 'actions'; actions: string[]; rule: string }
  | { kind: 'none'; reason: NoPermissionReason }
  | { kind: 'unmapped'; reason: string };

/**
 * S3 operations whose CloudTrail eventName is not an action name (leastpriv's table, from
 * "Required permissions for Amazon S3 API operations"). iam-dataset covers the rest.
 */
const S3_OPERATIONS: Record<string, string[]> = {
  ListBuckets: ['s3:ListAllMyBuckets'],
  HeadBucket: ['s3:ListBucket'],
  HeadObject: ['s3:GetObject'],
  ListObjectVersions: ['s3:ListBucketVersions'],
  ListMultipartUploads: ['s3:ListBucketMultipartUploads'],
  ListParts: ['s3:ListMultipartUploadParts'],
  CreateMultipartUpload: ['s3:PutObject'],
  UploadPart: ['s3:PutObject'],
  UploadPartCopy: ['s3:PutObject', 's3:GetObject'],
  CompleteMultipartUpload: ['s3:PutObject'],
  CopyObject: ['s3:PutObject', 's3:GetObject'],
  DeleteObjects: ['s3:DeleteObject'],
  GetBucketCors: ['s3:GetBucketCORS'],
  PutBucketCors: ['s3:PutBucketCORS'],
  GetBucketOwnershipControls: ['s3:GetBucketOwnershipControls'],
  DeleteBucketOwnershipControls: ['s3:PutBucketOwnershipControls'],
  DeleteBucketWebsite: ['s3:DeleteBucketWebsite'],
  GetBucketPublicAccessBlock: ['s3:GetBucketPublicAccessBlock'],
  PutBucketPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
  DeleteBucketPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
  GetBucketIntelligentTieringConfiguration: ['s3:GetIntelligentTieringConfiguration'],
  PutBucketIntelligentTieringConfiguration: ['s3:PutIntelligentTieringConfiguration'],
  GetObjectAttributes: ['s3:GetObject', 's3:GetObjectAttributes'],
};

const NO_PERMISSION_TYPES: Record<string, NoPermissionReason> = {
  AwsConsoleSignIn: 'console sign-in',
  AwsServiceEvent: 'service event',
  AwsCloudTrailInsight: 'insight event',
  AwsVpceEvent: 'network activity (logged again as its own event)',
};

/** The API-version suffix of versioned event names: 20150331, 20150331v2, 2020_05_31. */
const VERSION_SUFFIX = /(?:\d{8}|\d{4}_\d{2}_\d{2})(?:v\d+)?$/;

export function servicePrefix(eventSource: string, data: MappingData): string | undefined {
  const mapped = data.services[eventSource];
  if (mapped && serviceExists(mapped)) return mapped;
  const m = /^([a-z0-9-]+)\.amazonaws\.com$/.exec(eventSource);
  if (m && serviceExists(m[1])) return m[1];
  return mapped;
}

export function stripVersion(eventName: string): string {
  return eventName.replace(VERSION_SUFFIX, '');
}

function known(actions: string[]): string[] | undefined {
  const out: string[] = [];
  for (const a of actions) {
    const c = canonicalActionName(a);
    if (!c) return undefined;
    out.push(c);
  }
  return out;
}

export function mapEvent(ev: EventFacts, data: MappingData): Mapped {
  const typeReason = ev.eventType ? NO_PERMISSION_TYPES[ev.eventType] : undefined;
  if (typeReason) return { kind: 'none', reason: typeReason };
  if (ev.eventSource === 'signin.amazonaws.com') return { kind: 'none', reason: 'console sign-in' };
  const prefix = servicePrefix(ev.eventSource, data);
  if (!prefix) return { kind: 'unmapped', reason: `event source ${ev.eventSource} is not a known service` };
  if (!serviceExists(prefix)) {
    return {
      kind: 'unmapped',
      reason: `service prefix ${prefix} (for ${ev.eventSource}) is not in the service reference`,
    };
  }
  const name = stripVersion(ev.eventName);
  const key = `${prefix}:${name}`.toLowerCase();
  if (data.permissionless.has(key)) return { kind: 'none', reason: 'needs no permission' };
  const table = data.methods[key] ?? (prefix === 's3' ? S3_OPERATIONS[name] : undefined);
  if (table) {
    const actions = known(table);
    if (actions) return { kind: 'actions', actions, rule: 'renamed action' };
    return { kind: 'unmapped', reason: `mapped to ${table.join(', ')}, not all in the service reference` };
  }
  const direct = getAction(prefix, name);
  if (direct) {
    return {
      kind: 'actions',
      actions: [direct.fullName],
      rule: name === ev.eventName ? 'same name' : 'versioned name',
    };
  }
  return { kind: 'unmapped', reason: `no IAM action ${prefix}:${name} in the service reference` };
}
