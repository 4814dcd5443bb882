/**
 * The cfn checks as one pipeline: the template reader's extracted policies run through the
 * validator and the reasoner, and each finding is carried back to the template's lines. The
 * CLI (src/cli/cfn.ts) parses flags, calls these and renders the report.
 */
import { resourceTypeRecords } from '../catalog/resource-types.js';
import type { PathElement } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import { analyzeExternalAccess, type CheckResult } from '../reason/index.js';
import type { LocatedCfnFinding } from '../report/cfn.js';
import {
  type CfnPolicy,
  type Extraction,
  locateInPolicy,
  type PolicySource,
  UNRESOLVED_PATTERN,
} from '../sources/cfn/index.js';
import { type Finding, type ValidateOptions, validatePolicy } from '../validate/index.js';

/** Runs the validator on every extracted policy and locates each finding in the template. */
export function validateExtraction(
  x: Extraction,
  validate: typeof validatePolicy = validatePolicy,
): LocatedCfnFinding[] {
  const out: LocatedCfnFinding[] = [];
  for (const src of x.policies) {
    if (src.awsManaged) continue;
    const { policy, issues } = parsePolicy(JSON.stringify(src.document, null, 2));
    const options: ValidateOptions =
      src.kind === 'IDENTITY_POLICY'
        ? { policyType: 'IDENTITY_POLICY' }
        : { policyType: 'RESOURCE_POLICY', resourceType: src.resourceType };
    for (const f of validate(policy, issues, options)) out.push(toCfnFinding(src, f, x.file));
  }
  return out;
}

/** The placeholders of values not known offline in a policy, or in one of its statements. */
export function unresolvedIn(document: unknown, statementIndex?: number): string[] {
  let part = document;
  if (statementIndex !== undefined && part && typeof part === 'object') {
    const st = (part as { Statement?: unknown }).Statement;
    part = Array.isArray(st) ? st[statementIndex] : st;
  }
  return [...new Set(JSON.stringify(part ?? null).match(UNRESOLVED_PATTERN) ?? [])];
}

/** The statement a path inside a policy document points into, if any. */
function statementOf(path: readonly PathElement[]): number | undefined {
  const [a, b] = path;
  if (!a || !('value' in a) || a.value !== 'Statement') return undefined;
  return b && 'index' in b ? b.index : 0;
}

/** One UNRESOLVED finding per policy holding values not known offline: its checks are not conclusive. */
export function unresolvedFindings(x: Extraction): LocatedCfnFinding[] {
  const out: LocatedCfnFinding[] = [];
  for (const src of x.policies) {
    const holes = unresolvedIn(src.document);
    if (holes.length === 0) continue;
    out.push({
      findingType: 'WARNING',
      code: 'UNRESOLVED',
      message: `The policy depends on values not known offline (${holes.join(', ')}); checks of the statements holding them are not conclusive. Pass the values (--parameters, --import-values, --ssm-parameters) to check them.`,
      resourceName: src.resourceName,
      policyName: src.policyName,
      details: { unresolved: holes },
      span: src.node?.span ?? src.anchor,
      file: x.file,
      unresolved: holes,
      ...(src.origin ? { origin: src.origin } : {}),
    });
  }
  return out;
}

export function toCfnFinding(src: PolicySource, f: Finding, file?: string): LocatedCfnFinding {
  const first = f.locations[0];
  const stmt = first ? statementOf(first.path) : undefined;
  const holes = unresolvedIn(src.document, stmt);
  return {
    ...(file !== undefined ? { file } : {}),
    ...(src.origin ? { origin: src.origin } : {}),
    ...(holes.length ? { unresolved: holes } : {}),
    findingType: f.findingType,
    code: f.issueCode,
    message: f.findingDetails,
    resourceName: src.resourceName,
    policyName: src.policyName,
    details: {
      findingDetails: f.findingDetails,
      findingType: f.findingType,
      issueCode: f.issueCode,
      learnMoreLink: f.learnMoreLink,
      locations: f.locations,
    },
    span: first ? locateInPolicy(src, first.path) : (src.node?.span ?? src.anchor),
  };
}

/** Resource types cfn-policy-validator runs access previews for (plus role trust policies). */
export const EXTERNAL_ACCESS_TYPES = new Set(
  resourceTypeRecords()
    .filter((r) => r.cfnExternalAccess)
    .map((r) => r.type),
);

/** The ARN the analysed resource gets (as cfn-policy-validator's access preview configurations build it). */
export function resourceArnOf(x: Extraction, src: PolicySource): string | undefined {
  const { Partition: p, Region: r, Account: a } = x.output;
  switch (src.resourceType) {
    case 'AWS::SQS::Queue':
      return `arn:${p}:sqs:${r}:${a}:${src.resourceName}`;
    case 'AWS::KMS::Key':
      return `arn:${p}:kms:${r}:${a}:key/${src.resourceName}`;
    // Not the bucket: a bucket policy governs the bucket and its objects (`bucket/*`), and the
    // reasoner takes the ARN as the one resource of the request.
    case 'AWS::IAM::AssumeRolePolicyDocument':
      return `arn:${p}:iam::${a}:role/${src.resourceName.slice(0, 64)}`;
    default:
      return undefined;
  }
}

export function parsedOrUndefined(doc: unknown): PolicyDocument | undefined {
  const { policy, issues } = parsePolicy(JSON.stringify(doc, null, 2));
  return policy && issues.length === 0 ? policy : undefined;
}

/**
 * False when no statement can let in a principal outside the account other than a service: every
 * Allow statement names its principals (no NotPrincipal, no `*`), and each is a service principal
 * or an IAM principal of the account itself. Conditions only narrow a statement, so such a policy
 * grants no reportable external access and needs no solver call (most role trust policies and key
 * policies). Anything else goes to the reasoner.
 */
export function mayGrantExternal(doc: PolicyDocument, account: string): boolean {
  return doc.statements.some((st) => {
    if (st.effect.value !== 'Allow') return false;
    if (st.notPrincipal || !st.principal || st.principal.wildcard) return true;
    return st.principal.entries.some((e) => {
      if (e.type === 'Service') return false;
      if (e.type !== 'AWS') return true;
      const v = e.value.value;
      const owner = /^\d{12}$/.test(v) ? v : /^arn:[^:]+:(iam|sts)::(\d{12}):/.exec(v)?.[2];
      return owner !== account;
    });
  });
}

/**
 * External-access findings (IAM Access Analyzer's access previews, answered by the reasoner) for
 * role trust policies and the resource policies of the types cfn-policy-validator previews.
 */
export async function externalAccessFindings(x: Extraction): Promise<LocatedCfnFinding[]> {
  const out: LocatedCfnFinding[] = [];
  const zone = { accounts: [x.output.Account] };
  for (const src of x.policies) {
    if (src.kind === 'IDENTITY_POLICY' || !src.resourceType || !EXTERNAL_ACCESS_TYPES.has(src.resourceType))
      continue;
    const doc = parsedOrUndefined(src.document);
    // A policy that does not parse already has ERROR findings from the validator; Access Analyzer
    // refuses to preview it too.
    if (!doc) continue;
    if (!mayGrantExternal(doc, x.output.Account)) continue;
    const resourceArn = resourceArnOf(x, src);
    const result = await analyzeExternalAccess(doc, {
      resourceType: src.resourceType,
      resourceArn,
      zoneOfTrust: zone,
    });
    const trust = src.kind === 'TRUST_POLICY';
    for (const f of result.findings) {
      const holes = unresolvedIn(src.document, f.statementIndex);
      // Service principals never come back: src/reason/external.ts, where Access Analyzer's rules live.
      out.push({
        file: x.file,
        ...(src.origin ? { origin: src.origin } : {}),
        ...(holes.length ? { unresolved: holes } : {}),
        findingType: 'SECURITY_WARNING',
        code: 'EXTERNAL_PRINCIPAL',
        message: trust
          ? 'Trust policy allows access from external principals.'
          : 'Resource policy allows access from external principals.',
        resourceName: src.resourceName,
        policyName: src.policyName,
        details: {
          principal: f.principal,
          action: f.action,
          condition: f.condition,
          isPublic: f.isPublic,
          ...(resourceArn ? { resource: resourceArn } : {}),
          resourceType: src.resourceType,
          status: 'ACTIVE',
          changeType: 'NEW',
          example: f.example,
        },
        span: locateInPolicy(src, [{ value: 'Statement' }, { index: f.statementIndex }]),
      });
    }
    if (result.unknown) {
      // Never a silent pass: an undecided analysis is reported, and blocks by default.
      out.push({
        file: x.file,
        findingType: 'SECURITY_WARNING',
        code: 'EXTERNAL_ACCESS_UNKNOWN',
        message: `External access could not be decided: ${result.unknown.reason}`,
        resourceName: src.resourceName,
        policyName: src.policyName,
        details: result.unknown,
        span: src.node?.span ?? src.anchor,
      });
    }
  }
  out.push(...publicAclFindings(x, 'EXTERNAL_PRINCIPAL'));
  return out;
}

/**
 * Canned ACLs that grant access outside the account: `PublicRead` and `PublicReadWrite` (the
 * AllUsers group) and `AuthenticatedRead` (any AWS account's authenticated users).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
 */
const PUBLIC_CANNED_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

/** Findings for S3 buckets whose canned ACL (the parse output's Configuration) makes them public. */
export function publicAclFindings(x: Extraction, code: string): LocatedCfnFinding[] {
  const out: LocatedCfnFinding[] = [];
  for (const r of x.output.Resources) {
    const acl = r.Configuration?.AccessControl;
    if (typeof acl !== 'string' || !PUBLIC_CANNED_ACLS.has(acl)) continue;
    const src = r.Policy.Policy === null ? undefined : x.sourceOf(r.Policy);
    out.push({
      file: x.file,
      findingType: 'SECURITY_WARNING',
      code,
      message: `The bucket's canned ACL ${acl} grants access to ${acl === 'AuthenticatedRead' ? 'any authenticated AWS user' : 'everyone'}.`,
      resourceName: r.ResourceName,
      policyName: 'BucketAcl',
      details: { configuration: { AccessControl: acl }, isPublic: true, resourceType: 'AWS::S3::Bucket' },
      span: src?.anchor ?? x.policies[0]?.anchor ?? ZERO_SPAN,
    });
  }
  return out;
}

export type Operation = 'CheckNoNewAccess' | 'CheckAccessNotGranted' | 'CheckNoPublicAccess';

export interface Target {
  resourceName: string;
  policyName: string;
  document: unknown;
  policyType: 'IDENTITY_POLICY' | 'RESOURCE_POLICY';
  resourceType?: string;
  src?: PolicySource;
}

export function identityTargets(x: Extraction): Target[] {
  const o = x.output;
  const out: Target[] = [];
  const add = (name: string, policies: CfnPolicy[]) => {
    for (const p of policies) {
      out.push({
        resourceName: name,
        policyName: p.Name,
        document: p.Policy,
        policyType: 'IDENTITY_POLICY',
        src: x.sourceOf(p),
      });
    }
  };
  for (const ps of o.PermissionSets) add(ps.Name, ps.Policies);
  for (const u of o.Users) add(u.UserName, u.Policies);
  for (const r of o.Roles) add(r.RoleName, r.Policies);
  for (const g of o.Groups) add(g.GroupName, g.Policies);
  return out;
}

export function resourceTargets(x: Extraction, only?: Set<string>): Target[] {
  const out: Target[] = [];
  for (const r of x.output.Resources) {
    if (only && !only.has(r.ResourceType)) continue;
    if (r.Policy.Policy === null) continue; // a bucket ACL entry: Configuration only
    out.push({
      resourceName: r.ResourceName,
      policyName: r.Policy.Name,
      document: r.Policy.Policy,
      policyType: 'RESOURCE_POLICY',
      resourceType: r.ResourceType,
      src: x.sourceOf(r.Policy),
    });
  }
  for (const role of x.output.Roles) {
    out.push({
      resourceName: role.RoleName,
      policyName: 'TrustPolicy',
      document: role.TrustPolicy,
      policyType: 'RESOURCE_POLICY',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      src: x.trustSourceOf(role),
    });
  }
  return out;
}

/** cfn-policy-validator's check-no-public-access resource types. */
export const PUBLIC_ACCESS_TYPES = new Set(
  resourceTypeRecords()
    .filter((r) => r.cfnPublicAccess)
    .map((r) => r.type),
);

/** Runs one of the policy checks over the targets, one finding per FAIL (or UNKNOWN), results cached per document. */
export async function runCheck(
  op: Operation,
  targets: Target[],
  check: (doc: PolicyDocument, t: Target) => Promise<CheckResult>,
  file?: string,
): Promise<LocatedCfnFinding[]> {
  const out: LocatedCfnFinding[] = [];
  const cache = new Map<string, CheckResult | 'invalid'>();
  const code = `policy-analysis-${op}`;
  for (const t of targets) {
    const key = `${t.resourceType ?? ''}|${JSON.stringify(t.document)}`;
    let result = cache.get(key);
    if (!result) {
      const doc = parsedOrUndefined(t.document);
      result = doc ? await check(doc, t) : 'invalid';
      cache.set(key, result);
    }
    const span = t.src?.node?.span ?? t.src?.anchor ?? ZERO_SPAN;
    const holes = unresolvedIn(t.document);
    const base = {
      resourceName: t.resourceName,
      policyName: t.policyName,
      span,
      ...(file !== undefined ? { file } : {}),
      ...(t.src?.origin ? { origin: t.src.origin } : {}),
      ...(holes.length ? { unresolved: holes } : {}),
    };
    if (result === 'invalid') {
      out.push({
        ...base,
        findingType: 'ERROR',
        code: `${code}ValidationException`,
        message: 'The policy is not a valid policy document; run `leastpriv cfn validate` for the details.',
        details: { result: 'ERROR' },
      });
    } else if (result.result === 'FAIL') {
      const first = result.reasons[0];
      const where =
        first && t.src
          ? locateInPolicy(t.src, [{ value: 'Statement' }, { index: first.statementIndex }])
          : span;
      out.push({
        ...base,
        span: where,
        findingType: 'SECURITY_WARNING',
        code,
        message: result.message,
        details: result,
      });
    } else if (result.result === 'UNKNOWN') {
      out.push({
        ...base,
        findingType: 'ERROR',
        code: `${code}Unknown`,
        message: `No answer: ${result.unknown?.reason ?? result.message}`,
        details: result,
      });
    }
  }
  return out;
}

export const ZERO_SPAN = { start: { line: 1, column: 0, offset: 0 }, end: { line: 1, column: 0, offset: 0 } };
