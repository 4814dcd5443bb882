/**
 * Extracts every identity and resource policy of a template in cfn-policy-validator's `parse`
 * output shape, and remembers where each policy (and each element inside it) is in the template.
 * IAM resource types: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/AWS_IAM.html
 * Resource-based policies: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_aws-services-that-work-with-iam.html
 */
import type { PathElement, Span } from '../../policy/location.js';
import { type CfnNode, type CfnWarning, get, toPlain } from './node.js';
import { expandSam, type SamOptions } from './sam.js';
import { type ResourceDef, Template, type TemplateOptions } from './template.js';

export interface CfnPolicy {
  Name: string;
  Policy: unknown;
  Path: string;
  IsAWSManagedPolicy: boolean;
}

export interface CfnRole {
  RoleName: string;
  RolePath: string;
  TrustPolicy: unknown;
  Policies: CfnPolicy[];
}

export interface CfnUser {
  UserName: string;
  UserPath: string;
  Policies: CfnPolicy[];
}

export interface CfnGroup {
  GroupName: string;
  GroupPath: string;
  Policies: CfnPolicy[];
}

export interface CfnPermissionSet {
  Name: string;
  Policies: CfnPolicy[];
}

export interface CfnResource {
  ResourceName: string;
  ResourceType: string;
  Policy: CfnPolicy;
  /** Settings the access analysis needs beside the policy (an S3 bucket's canned ACL), as cfn-policy-validator attaches them. */
  Configuration?: Record<string, unknown>;
}

/** cfn-policy-validator's `parse` output. */
export interface CfnParseOutput {
  Region: string;
  Account: string;
  Partition: string;
  Roles: CfnRole[];
  PermissionSets: CfnPermissionSet[];
  Users: CfnUser[];
  Groups: CfnGroup[];
  Resources: CfnResource[];
  OrphanedPolicies: CfnPolicy[];
}

export type PolicyKind = 'IDENTITY_POLICY' | 'TRUST_POLICY' | 'RESOURCE_POLICY';

/** Where a policy came from, for reports: resolved tree with template spans. */
export interface PolicySource {
  kind: PolicyKind;
  /** Resource or principal name as cfn-policy-validator reports it. */
  resourceName: string;
  policyName: string;
  /** CloudFormation type of the resource the policy is attached to (for resource policies). */
  resourceType?: string;
  /** Logical id of the template resource that declares the policy. */
  logicalId: string;
  /** The plain document. */
  document: unknown;
  /** The resolved document node (spans point into the template); absent for AWS managed policies. */
  node?: CfnNode;
  /** Span of the declaring resource, used when no finer location exists. */
  anchor: Span;
  awsManaged: boolean;
  /** Set when the policy was generated (by the SAM transform) rather than written: e.g. "SAM policy template SQSPollerPolicy". */
  origin?: string;
}

export interface ManagedPolicyInfo {
  name: string;
  path: string;
  document: unknown;
}

export interface ExtractOptions extends TemplateOptions, SamOptions {
  /** Resource types to skip (`--exclude-resource-types`). */
  excludeResourceTypes?: string[];
  /** Looks up a managed policy ARN not defined in the template (AWS managed policies, offline bundle). */
  managedPolicy?: (arn: string) => ManagedPolicyInfo | undefined;
}

export interface Extraction {
  output: CfnParseOutput;
  /** Every policy to check, once each, in template order. */
  policies: PolicySource[];
  /** Managed policy ARNs that could not be resolved offline (not validated). */
  unresolvedManagedPolicies: { arn: string; attachedTo: string }[];
  file: string;
  /** Located warnings and notes (values not known offline, unknown tags, duplicate keys ...). */
  warnings: CfnWarning[];
  /** Where a policy of the output came from. */
  sourceOf(policy: CfnPolicy): PolicySource | undefined;
  /** Where a role's trust policy came from. */
  trustSourceOf(role: CfnRole): PolicySource | undefined;
}

/** cfn-policy-validator's resource name for policies attached to nothing. */
export const ORPHAN_RESOURCE_NAME = 'No resource attached';

/** The template span of an element of a policy, by its path inside the document. */
export function locateInPolicy(src: PolicySource, path: readonly PathElement[]): Span {
  let node = src.node;
  if (!node) return src.anchor;
  let best = node.span;
  for (const el of path) {
    if (!node) break;
    if ('index' in el) {
      node = node.kind === 'seq' ? node.items[el.index] : el.index === 0 ? node : undefined;
    } else {
      const name = 'value' in el ? el.value : el.key;
      if (node.kind !== 'map') break;
      const entry = node.entries.find((e) => e.key === name);
      if ('key' in el && entry) {
        best = entry.keySpan;
        break;
      }
      node = entry?.value;
    }
    if (node) best = node.span;
  }
  return best;
}

interface Principal {
  policies: CfnPolicy[];
}

/** Parses a loaded template into cfn-policy-validator's output plus policy locations. */
export function extractPolicies(
  root: CfnNode,
  options: ExtractOptions,
  warnings: CfnWarning[] = [],
): Extraction {
  const t = new Template(root, options, warnings);
  expandSam(t, options);
  const excluded = new Set(options.excludeResourceTypes ?? []);
  const a = t.account;
  const output: CfnParseOutput = {
    Region: a.region,
    Account: a.accountId,
    Partition: a.partition,
    Roles: [],
    PermissionSets: [],
    Users: [],
    Groups: [],
    Resources: [],
    OrphanedPolicies: [],
  };
  const sources = new Map<CfnPolicy, PolicySource>();
  const trustSources: PolicySource[] = [];
  const unresolved: Extraction['unresolvedManagedPolicies'] = [];
  const resources = [...t.resources.values()].filter((r) => !excluded.has(r.type) && t.isCreated(r));
  const byType = (type: string) => resources.filter((r) => r.type === type);

  const doc = (r: ResourceDef, given: CfnNode | undefined, where: string): CfnNode => {
    if (!given) throw t.error(`${where} is required`, r.node.span, `Resources.${r.id}.Properties`);
    const node = jsonStringPolicy(t, given, `Resources.${r.id}.Properties.${where}`);
    if (node.kind !== 'map') {
      throw t.error(
        'a policy document must be a JSON object',
        node.span,
        `Resources.${r.id}.Properties.${where}`,
      );
    }
    return node;
  };
  const newPolicy = (
    name: string,
    node: CfnNode,
    r: ResourceDef,
    kind: PolicyKind,
    resourceName: string,
    path = '/',
  ): CfnPolicy => {
    const p: CfnPolicy = { Name: name, Policy: toPlain(node), Path: path, IsAWSManagedPolicy: false };
    sources.set(p, {
      kind,
      resourceName,
      policyName: name,
      logicalId: r.id,
      document: p.Policy,
      node,
      anchor: r.keySpan,
      awsManaged: false,
      origin: t.origins.get(`${r.id}|${name}`),
    });
    return p;
  };

  // Managed policies defined in the template, by the ARN Ref returns.
  const managedByArn = new Map<string, CfnPolicy>();
  const managedDefs: Array<{ r: ResourceDef; policy: CfnPolicy }> = [];
  for (const r of byType('AWS::IAM::ManagedPolicy')) {
    const name = t.stringProperty(r, 'ManagedPolicyName') ?? r.id;
    const path = t.stringProperty(r, 'Path') ?? '/';
    const policy = newPolicy(
      name,
      doc(r, t.property(r, 'PolicyDocument'), 'PolicyDocument'),
      r,
      'IDENTITY_POLICY',
      name,
      path,
    );
    managedByArn.set(t.arnOf(r, r.keySpan, `Resources.${r.id}`), policy);
    managedDefs.push({ r, policy });
  }
  const externalManaged = new Map<string, CfnPolicy>();
  const attachManaged = (r: ResourceDef, principal: Principal, principalName: string) => {
    const arns = t.property(r, 'ManagedPolicyArns');
    if (!arns) return;
    t.asList(arns, `Resources.${r.id}.Properties.ManagedPolicyArns`).forEach((n, i) => {
      const arn = t.asString(n, `Resources.${r.id}.Properties.ManagedPolicyArns[${i}]`);
      const local = managedByArn.get(arn);
      if (local) {
        principal.policies.push(local);
        return;
      }
      let ext = externalManaged.get(arn);
      if (!ext) {
        const info = options.managedPolicy?.(arn);
        if (!info) {
          unresolved.push({ arn, attachedTo: principalName });
          return;
        }
        ext = {
          Name: info.name,
          Policy: info.document,
          Path: info.path,
          IsAWSManagedPolicy: /:iam::aws:policy\//.test(arn),
        };
        sources.set(ext, {
          kind: 'IDENTITY_POLICY',
          resourceName: principalName,
          policyName: info.name,
          logicalId: r.id,
          document: info.document,
          anchor: n.span,
          awsManaged: ext.IsAWSManagedPolicy,
        });
        externalManaged.set(arn, ext);
      }
      principal.policies.push(ext);
    });
  };
  const attachInline = (r: ResourceDef, principal: Principal, principalName: string) => {
    const list = t.property(r, 'Policies');
    if (!list) return;
    t.asList(list, `Resources.${r.id}.Properties.Policies`).forEach((p, i) => {
      const w = `Resources.${r.id}.Properties.Policies[${i}]`;
      const nameNode = get(p, 'PolicyName');
      if (!nameNode) throw t.error('an inline policy needs a PolicyName', p.span, w);
      const name = t.asString(nameNode, `${w}.PolicyName`);
      const d = get(p, 'PolicyDocument');
      if (d?.kind !== 'map') throw t.error('an inline policy needs a PolicyDocument object', p.span, w);
      principal.policies.push(newPolicy(name, d, r, 'IDENTITY_POLICY', principalName));
    });
  };

  const rolesByName = new Map<string, CfnRole>();
  for (const r of byType('AWS::IAM::Role')) {
    const name = t.resourceName(r, r.keySpan, `Resources.${r.id}`);
    const trustNode = doc(r, t.property(r, 'AssumeRolePolicyDocument'), 'AssumeRolePolicyDocument');
    const role: CfnRole = {
      RoleName: name,
      RolePath: t.stringProperty(r, 'Path') ?? '/',
      TrustPolicy: toPlain(trustNode),
      Policies: [],
    };
    trustSources.push({
      kind: 'TRUST_POLICY',
      resourceName: name,
      policyName: 'TrustPolicy',
      resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      logicalId: r.id,
      document: role.TrustPolicy,
      node: trustNode,
      anchor: r.keySpan,
      awsManaged: false,
    });
    const holder = { policies: role.Policies };
    attachInline(r, holder, name);
    attachManaged(r, holder, name);
    output.Roles.push(role);
    rolesByName.set(name, role);
  }
  const usersByName = new Map<string, CfnUser>();
  for (const r of byType('AWS::IAM::User')) {
    const name = t.resourceName(r, r.keySpan, `Resources.${r.id}`);
    const user: CfnUser = { UserName: name, UserPath: t.stringProperty(r, 'Path') ?? '/', Policies: [] };
    attachInline(r, { policies: user.Policies }, name);
    attachManaged(r, { policies: user.Policies }, name);
    output.Users.push(user);
    usersByName.set(name, user);
  }
  const groupsByName = new Map<string, CfnGroup>();
  for (const r of byType('AWS::IAM::Group')) {
    const name = t.resourceName(r, r.keySpan, `Resources.${r.id}`);
    const group: CfnGroup = { GroupName: name, GroupPath: t.stringProperty(r, 'Path') ?? '/', Policies: [] };
    attachInline(r, { policies: group.Policies }, name);
    attachManaged(r, { policies: group.Policies }, name);
    output.Groups.push(group);
    groupsByName.set(name, group);
  }
  for (const r of byType('AWS::SSO::PermissionSet')) {
    const name = t.stringProperty(r, 'Name') ?? r.id;
    const ps: CfnPermissionSet = { Name: name, Policies: [] };
    const inline = t.property(r, 'InlinePolicy');
    if (inline)
      ps.Policies.push(newPolicy('InlinePolicy', doc(r, inline, 'InlinePolicy'), r, 'IDENTITY_POLICY', name));
    attachManaged(
      { ...r, properties: renameKey(r.properties, 'ManagedPolicies', 'ManagedPolicyArns') },
      { policies: ps.Policies },
      name,
    );
    output.PermissionSets.push(ps);
  }

  // AWS::IAM::Policy and AWS::IAM::ManagedPolicy attachments (Roles, Users, Groups by name).
  const attachTo = (r: ResourceDef, policy: CfnPolicy): boolean => {
    let attached = false;
    for (const [prop, registry] of [
      ['Roles', rolesByName],
      ['Users', usersByName],
      ['Groups', groupsByName],
    ] as const) {
      const list = t.property(r, prop);
      if (!list) continue;
      t.asList(list, `Resources.${r.id}.Properties.${prop}`).forEach((n, i) => {
        const name = t.asString(n, `Resources.${r.id}.Properties.${prop}[${i}]`);
        const principal = (registry as Map<string, { Policies: CfnPolicy[] }>).get(name);
        if (principal) {
          if (!principal.Policies.includes(policy)) principal.Policies.push(policy);
          attached = true;
        }
      });
    }
    return attached;
  };
  // AWS::IAM::RolePolicy / UserPolicy / GroupPolicy: one inline policy of one principal, by name.
  for (const [type, prop, registry] of [
    ['AWS::IAM::RolePolicy', 'RoleName', rolesByName],
    ['AWS::IAM::UserPolicy', 'UserName', usersByName],
    ['AWS::IAM::GroupPolicy', 'GroupName', groupsByName],
  ] as const) {
    for (const r of byType(type)) {
      const name = t.stringProperty(r, 'PolicyName');
      const owner = t.stringProperty(r, prop);
      if (name === undefined || owner === undefined) {
        throw t.error(`PolicyName and ${prop} are required`, r.node.span, `Resources.${r.id}.Properties`);
      }
      const policy = newPolicy(
        name,
        doc(r, t.property(r, 'PolicyDocument'), 'PolicyDocument'),
        r,
        'IDENTITY_POLICY',
        owner,
      );
      const principal = (registry as Map<string, { Policies: CfnPolicy[] }>).get(owner);
      if (principal) principal.Policies.push(policy);
      else output.OrphanedPolicies.push(policy);
    }
  }
  for (const r of byType('AWS::IAM::Policy')) {
    const name = t.stringProperty(r, 'PolicyName');
    if (name === undefined)
      throw t.error('PolicyName is required', r.node.span, `Resources.${r.id}.Properties`);
    const policy = newPolicy(
      name,
      doc(r, t.property(r, 'PolicyDocument'), 'PolicyDocument'),
      r,
      'IDENTITY_POLICY',
      name,
    );
    if (!attachTo(r, policy)) output.OrphanedPolicies.push(policy);
  }
  for (const { r, policy } of managedDefs) {
    attachTo(r, policy);
  }
  const attached = new Set<CfnPolicy>();
  for (const p of [...output.Roles, ...output.Users, ...output.Groups, ...output.PermissionSets]) {
    for (const pol of p.Policies) attached.add(pol);
  }
  for (const { policy } of managedDefs) if (!attached.has(policy)) output.OrphanedPolicies.push(policy);

  // Resource policies.
  extractResourcePolicies(t, resources, output, (name, node, r, resourceName) =>
    newPolicy(name, node, r, 'RESOURCE_POLICY', resourceName),
  );
  for (const res of output.Resources) {
    const s = sources.get(res.Policy);
    if (s) {
      s.resourceType = res.ResourceType;
      s.resourceName = res.ResourceName;
    }
  }

  // Every policy once, with the principal it was first found on.
  const policies: PolicySource[] = [];
  const seen = new Set<CfnPolicy>();
  const add = (p: CfnPolicy, resourceName?: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    const s = sources.get(p);
    if (s) policies.push(resourceName ? { ...s, resourceName } : s);
  };
  output.Roles.forEach((role, i) => {
    policies.push(trustSources[i]);
    for (const p of role.Policies) add(p, role.RoleName);
  });
  for (const u of output.Users) for (const p of u.Policies) add(p, u.UserName);
  for (const g of output.Groups) for (const p of g.Policies) add(p, g.GroupName);
  for (const ps of output.PermissionSets) for (const p of ps.Policies) add(p, ps.Name);
  for (const p of output.OrphanedPolicies) add(p, ORPHAN_RESOURCE_NAME);
  for (const r of output.Resources) if (r.Policy.Policy !== null) add(r.Policy);
  return {
    output,
    policies,
    unresolvedManagedPolicies: unresolved,
    file: t.file,
    warnings: t.warnings,
    sourceOf: (p) => sources.get(p),
    trustSourceOf: (role) => trustSources[output.Roles.indexOf(role)],
  };
}

function renameKey(node: CfnNode | undefined, from: string, to: string): CfnNode | undefined {
  if (node?.kind !== 'map') return node;
  return { ...node, entries: node.entries.map((e) => (e.key === from ? { ...e, key: to } : e)) };
}

type NewPolicy = (name: string, node: CfnNode, r: ResourceDef, resourceName: string) => CfnPolicy;

/**
 * Resource types carrying a resource policy in one property:
 * [type, policy property, name property (undefined: logical id), policy name, reported type].
 */
const SIMPLE_RESOURCE_POLICIES: Array<[string, string, string | undefined, string, string]> = [
  ['AWS::KMS::Key', 'KeyPolicy', undefined, 'KeyPolicy', 'AWS::KMS::Key'],
  [
    'AWS::ECR::Repository',
    'RepositoryPolicyText',
    'RepositoryName',
    'RepositoryPolicy',
    'AWS::ECR::Repository',
  ],
  [
    'AWS::OpenSearchService::Domain',
    'AccessPolicies',
    'DomainName',
    'AccessPolicies',
    'AWS::OpenSearchService::Domain',
  ],
  [
    'AWS::Elasticsearch::Domain',
    'AccessPolicies',
    'DomainName',
    'AccessPolicies',
    'AWS::Elasticsearch::Domain',
  ],
  ['AWS::ApiGateway::RestApi', 'Policy', 'Name', 'Policy', 'AWS::ApiGateway::RestApi'],
  ['AWS::S3::AccessPoint', 'Policy', 'Name', 'AccessPointPolicy', 'AWS::S3::AccessPoint'],
  ['AWS::Events::EventBus', 'Policy', 'Name', 'EventBusPolicy', 'AWS::Events::EventBus'],
  ['AWS::Backup::BackupVault', 'AccessPolicy', 'BackupVaultName', 'AccessPolicy', 'AWS::Backup::BackupVault'],
  [
    'AWS::CodeArtifact::Domain',
    'PermissionsPolicyDocument',
    'DomainName',
    'PermissionsPolicyDocument',
    'AWS::CodeArtifact::Domain',
  ],
  [
    'AWS::CodeArtifact::Repository',
    'PermissionsPolicyDocument',
    'RepositoryName',
    'PermissionsPolicyDocument',
    'AWS::CodeArtifact::Repository',
  ],
  [
    'AWS::CloudTrail::ResourcePolicy',
    'ResourcePolicy',
    undefined,
    'ResourcePolicy',
    'AWS::CloudTrail::ResourcePolicy',
  ],
  [
    'AWS::S3Express::BucketPolicy',
    'PolicyDocument',
    'Bucket',
    'BucketPolicy',
    'AWS::S3Express::DirectoryBucket',
  ],
  [
    'AWS::S3Tables::TableBucketPolicy',
    'ResourcePolicy',
    'TableBucketARN',
    'TableBucketPolicy',
    'AWS::S3Tables::TableBucket',
  ],
  ['AWS::Kinesis::ResourcePolicy', 'ResourcePolicy', 'ResourceArn', 'ResourcePolicy', 'AWS::Kinesis::Stream'],
  [
    'AWS::Logs::ResourcePolicy',
    'PolicyDocument',
    'PolicyName',
    'ResourcePolicy',
    'AWS::Logs::ResourcePolicy',
  ],
];

/** Resource types and the policy property they use, for the docs and tests. */
export const SUPPORTED_RESOURCE_POLICY_TYPES = [
  'AWS::S3::BucketPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::Lambda::Permission',
  'AWS::Lambda::LayerVersionPermission',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::S3::MultiRegionAccessPointPolicy',
  'AWS::Events::EventBusPolicy',
  'AWS::DynamoDB::Table',
  ...SIMPLE_RESOURCE_POLICIES.map((s) => s[0]),
];

function extractResourcePolicies(
  t: Template,
  resources: ResourceDef[],
  output: CfnParseOutput,
  make: NewPolicy,
): void {
  const a = t.account;
  const push = (ResourceName: string, ResourceType: string, Policy: CfnPolicy) =>
    output.Resources.push({ ResourceName, ResourceType, Policy });
  const str = (r: ResourceDef, prop: string): string => {
    const v = t.stringProperty(r, prop);
    if (v === undefined) throw t.error(`${prop} is required`, r.node.span, `Resources.${r.id}.Properties`);
    return v;
  };
  const docOf = (r: ResourceDef, prop: string, required = true): CfnNode | undefined => {
    let n = t.property(r, prop);
    if (!n) {
      if (required) throw t.error(`${prop} is required`, r.node.span, `Resources.${r.id}.Properties`);
      return undefined;
    }
    n = jsonStringPolicy(t, n, `Resources.${r.id}.Properties.${prop}`);
    if (n.kind !== 'map')
      throw t.error(`${prop} must be a policy object`, n.span, `Resources.${r.id}.Properties.${prop}`);
    return n;
  };
  const acls: Array<{ name: string; span: Span; entry: CfnResource }> = [];
  const lambdaStatements = new Map<string, { r: ResourceDef; statements: CfnNode[]; name: string }>();
  const layerStatements = new Map<string, { r: ResourceDef; statements: CfnNode[]; name: string }>();
  for (const r of resources) {
    const w = `Resources.${r.id}.Properties`;
    switch (r.type) {
      case 'AWS::S3::BucketPolicy': {
        const bucket = str(r, 'Bucket');
        push(bucket, 'AWS::S3::Bucket', make('BucketPolicy', docOf(r, 'PolicyDocument')!, r, bucket));
        break;
      }
      case 'AWS::SQS::QueuePolicy': {
        const d = docOf(r, 'PolicyDocument')!;
        const queues = t.property(r, 'Queues');
        if (!queues) throw t.error('Queues is required', r.node.span, w);
        t.asList(queues, `${w}.Queues`).forEach((q, i) => {
          const url = t.asString(q, `${w}.Queues[${i}]`);
          const name = url.split('/')[4] ?? url.split('/').pop();
          if (!/^https?:\/\//.test(url) || !name) {
            throw t.error(
              `invalid queue URL "${url}": cannot read the queue name`,
              q.span,
              `${w}.Queues[${i}]`,
            );
          }
          push(name, 'AWS::SQS::Queue', make('QueuePolicy', d, r, name));
        });
        break;
      }
      case 'AWS::SNS::TopicPolicy': {
        const d = docOf(r, 'PolicyDocument')!;
        const topics = t.property(r, 'Topics');
        if (!topics) throw t.error('Topics is required', r.node.span, w);
        t.asList(topics, `${w}.Topics`).forEach((q, i) => {
          const name = t.asString(q, `${w}.Topics[${i}]`).split(':').pop()!;
          push(name, 'AWS::SNS::Topic', make('TopicPolicy', d, r, name));
        });
        break;
      }
      case 'AWS::SecretsManager::ResourcePolicy': {
        const id = str(r, 'SecretId');
        const name = id.includes(':secret:') ? id.split(':secret:')[1] : id;
        push(
          name,
          'AWS::SecretsManager::Secret',
          make('ResourcePolicy', docOf(r, 'ResourcePolicy')!, r, name),
        );
        break;
      }
      case 'AWS::S3::MultiRegionAccessPointPolicy': {
        const name = str(r, 'MrapName');
        push(
          name,
          'AWS::S3::MultiRegionAccessPoint',
          make('MultiRegionAccessPointPolicy', docOf(r, 'Policy')!, r, name),
        );
        break;
      }
      case 'AWS::S3::Bucket': {
        // A canned ACL is reported as the bucket's Configuration, as cfn-policy-validator does
        // (merged into the bucket's policy entry when the template has one).
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
        const acl = t.stringProperty(r, 'AccessControl');
        if (acl !== undefined) {
          const name = t.resourceName(r, r.keySpan, w);
          acls.push({
            name,
            span: get(r.properties, 'AccessControl')!.span,
            entry: {
              ResourceName: name,
              ResourceType: 'AWS::S3::Bucket',
              Policy: { Name: 'BucketAcl', Policy: null, Path: '/', IsAWSManagedPolicy: false },
              Configuration: { AccessControl: acl },
            },
          });
        }
        break;
      }
      case 'AWS::DynamoDB::Table': {
        const rp = t.property(r, 'ResourcePolicy');
        const d = rp ? get(rp, 'PolicyDocument') : undefined;
        if (d && d.kind === 'map') {
          const name = t.resourceName(r, r.keySpan, w);
          push(name, 'AWS::DynamoDB::Table', make('ResourcePolicy', d, r, name));
        }
        break;
      }
      case 'AWS::Events::EventBusPolicy': {
        const name = t.stringProperty(r, 'EventBusName') ?? 'default';
        let stmt = t.property(r, 'Statement');
        if (!stmt) {
          // Legacy form: Action + Principal (+ Condition) grant PutEvents to an account or organization.
          const action = str(r, 'Action');
          const principal = str(r, 'Principal');
          const cond = t.property(r, 'Condition');
          const plain: Record<string, unknown> = {
            Sid: t.stringProperty(r, 'StatementId') ?? r.id,
            Effect: 'Allow',
            Principal: principal === '*' ? '*' : { AWS: `arn:${a.partition}:iam::${principal}:root` },
            Action: action,
            Resource: `arn:${a.partition}:events:${a.region}:${a.accountId}:event-bus/${name}`,
          };
          if (cond) {
            const c = toPlain(cond) as { Key?: string; Type?: string; Value?: string };
            plain.Condition = { [c.Type ?? 'StringEquals']: { [c.Key ?? 'aws:PrincipalOrgID']: c.Value } };
          }
          stmt = fromJson(plain, r.keySpan);
        }
        const d: CfnNode = {
          kind: 'map',
          span: stmt.span,
          entries: [
            {
              key: 'Version',
              keySpan: stmt.span,
              value: { kind: 'scalar', value: '2012-10-17', span: stmt.span },
            },
            { key: 'Statement', keySpan: stmt.span, value: { kind: 'seq', items: [stmt], span: stmt.span } },
          ],
        };
        push(name, 'AWS::Events::EventBus', make('EventBusPolicy', d, r, name));
        break;
      }
      case 'AWS::Lambda::Permission': {
        const fnName = str(r, 'FunctionName');
        const principal = str(r, 'Principal');
        let resource: string;
        if (fnName.startsWith('arn:')) resource = fnName;
        else if (fnName.includes('function:')) {
          const parts = fnName.split(':');
          const before = parts.slice(
            0,
            parts.findIndex((p) => p.toLowerCase() === 'function'),
          );
          const full = ['arn', a.partition, 'lambda', a.region, a.accountId];
          resource = `${full.slice(0, full.length - before.length).join(':')}:${fnName}`;
        } else resource = `arn:${a.partition}:lambda:${a.region}:${a.accountId}:function:${fnName}`;
        const stmt: Record<string, unknown> = {
          Effect: 'Allow',
          Action: str(r, 'Action'),
          // As cfn-policy-validator prints it: a service, else {"AWS": principal} (also for "*").
          Principal: principal.includes('amazonaws') ? { Service: principal } : { AWS: principal },
          Resource: resource,
        };
        const cond: Record<string, Record<string, string>> = {};
        const add = (op: string, key: string, v: string | undefined) => {
          if (v !== undefined) cond[op] = { ...(cond[op] ?? {}), [key]: v };
        };
        add('StringEquals', 'AWS:SourceAccount', t.stringProperty(r, 'SourceAccount'));
        add('ArnLike', 'AWS:SourceArn', t.stringProperty(r, 'SourceArn'));
        add('StringEquals', 'aws:PrincipalOrgID', t.stringProperty(r, 'PrincipalOrgID'));
        add('StringEquals', 'lambda:FunctionUrlAuthType', t.stringProperty(r, 'FunctionUrlAuthType'));
        // InvokedViaFunctionUrl: lambda:InvokeFunction only through the function URL (urls-auth.html).
        const viaUrl = t.property(r, 'InvokedViaFunctionUrl');
        if (viaUrl?.kind === 'scalar' && String(viaUrl.value) === 'true')
          add('Bool', 'lambda:InvokedViaFunctionUrl', 'true');
        if (Object.keys(cond).length) stmt.Condition = cond;
        const parts = resource.split(':');
        const name = parts[parts.indexOf('function') + 1] ?? fnName;
        const entry = lambdaStatements.get(resource) ?? { r, statements: [], name };
        entry.statements.push(fromJson(stmt, r.keySpan));
        lambdaStatements.set(resource, entry);
        break;
      }
      case 'AWS::Lambda::LayerVersionPermission': {
        const arn = str(r, 'LayerVersionArn');
        const org = t.stringProperty(r, 'OrganizationId');
        const principal = str(r, 'Principal');
        const stmt: Record<string, unknown> = {
          Effect: 'Allow',
          Action: str(r, 'Action'),
          Resource: arn,
          Principal: { AWS: principal },
        };
        if (org) stmt.Condition = { StringEquals: { 'aws:PrincipalOrgID': org } };
        const parts = arn.split(':');
        const name = parts.slice(parts.indexOf('layer') + 1).join(':');
        const entry = layerStatements.get(arn) ?? { r, statements: [], name };
        entry.statements.push(fromJson(stmt, r.keySpan));
        layerStatements.set(arn, entry);
        break;
      }
      default: {
        const simple = SIMPLE_RESOURCE_POLICIES.find((s) => s[0] === r.type);
        if (!simple) break;
        const [, prop, nameProp, policyName, reported] = simple;
        const d =
          docOf(r, prop, false) ?? (r.type === 'AWS::ApiGateway::RestApi' ? bodyPolicy(t, r) : undefined);
        if (!d) break;
        let name = nameProp ? (t.stringProperty(r, nameProp) ?? r.id) : r.id;
        if (name.startsWith('arn:')) name = name.split(/[:/]/).pop() ?? name;
        push(name, reported, make(policyName, d, r, name));
      }
    }
  }
  for (const [map, policyName, type] of [
    [lambdaStatements, 'PermissionsPolicy', 'AWS::Lambda::Function'],
    [layerStatements, 'LayerVersionPermission', 'AWS::Lambda::LayerVersion'],
  ] as const) {
    for (const { r, statements, name } of map.values()) {
      const span = r.keySpan;
      const d: CfnNode = {
        kind: 'map',
        span,
        entries: [
          { key: 'Version', keySpan: span, value: { kind: 'scalar', value: '2012-10-17', span } },
          { key: 'Statement', keySpan: span, value: { kind: 'seq', items: statements, span } },
        ],
      };
      push(name, type, make(policyName, d, r, name));
    }
  }
  for (const acl of acls) {
    const policy = output.Resources.find(
      (x) =>
        x.ResourceType === 'AWS::S3::Bucket' &&
        x.ResourceName === acl.name &&
        x.Policy.Name === 'BucketPolicy',
    );
    if (policy) policy.Configuration = acl.entry.Configuration;
    else output.Resources.push(acl.entry);
  }
}

/**
 * A REST API's resource policy written in its OpenAPI body (`x-amazon-apigateway-policy`),
 * where SAM puts `Auth.ResourcePolicy`; only that member of the body is evaluated.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html
 */
function bodyPolicy(t: Template, r: ResourceDef): CfnNode | undefined {
  const raw = get(get(r.properties, 'Body'), 'x-amazon-apigateway-policy');
  if (!raw) return undefined;
  const where = `Resources.${r.id}.Properties.Body.x-amazon-apigateway-policy`;
  const n = t.eval(raw, where);
  if (!n) return undefined;
  const d = jsonStringPolicy(t, n, where);
  if (d.kind !== 'map') throw t.error('x-amazon-apigateway-policy must be a policy object', d.span, where);
  return d;
}

/**
 * A policy written as a JSON string (`PolicyDocument: !Sub '{"Version": ...}'`, or a
 * `RepositoryPolicyText` string) becomes a node; every element carries the string's span.
 */
function jsonStringPolicy(t: Template, n: CfnNode, where: string): CfnNode {
  if (n.kind !== 'scalar' || typeof n.value !== 'string') return n;
  try {
    return fromJson(JSON.parse(n.value), n.span);
  } catch {
    throw t.error('the policy is a string that is not valid JSON', n.span, where);
  }
}

function fromJson(value: unknown, span: Span): CfnNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => fromJson(v, span)), span };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      span,
      entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
        key,
        keySpan: span,
        value: fromJson(v, span),
      })),
    };
  }
  return { kind: 'scalar', value: value as string, span };
}

export { Template };
