/**
 * Design-time input: what a CloudFormation template would create, as the exports an account
 * snapshot of the deployed stack would hold (trails, metric filters, alarms, topics, budgets,
 * GuardDuty, EventBridge rules, bucket settings, tags, the password-policy and public-access-block
 * custom resources of `baseline emit`), plus the IAM model of its groups, roles and users. What a
 * template cannot show (root user, credentials, aliases, delivery, confirmations) stays missing,
 * so those controls are UNKNOWN. Every synthesized value cites its resource in the template.
 */
import { PASSWORD_POLICY_TYPE, PUBLIC_ACCESS_BLOCK_TYPE } from '../../baseline/emit.js';
import { type IamModel, type IamPolicy, isAwsManagedArn, parseDocument } from '../../baseline/iam.js';
import { type BaselineInput, type ExportRecord, isObject } from '../../baseline/input.js';
import type { Oracle } from '../../baseline/oracle.js';
import type { Evidence } from '../../baseline/types.js';
import type { CfnNode, Extraction, Template } from '../../sources/cfn/index.js';

interface Res {
  id: string;
  type: string;
  props: Record<string, unknown>;
  line: number;
}

/** A custom resource's properties arrive as strings: "true" / "12" -> true / 12. */
function typed(v: unknown): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return v;
}

function plainProps(t: Template, id: string, node: CfnNode | undefined): Record<string, unknown> {
  if (node?.kind !== 'map') return {};
  const out: Record<string, unknown> = {};
  for (const e of node.entries) {
    const v = t.eval(e.value, `Resources.${id}.Properties.${e.key}`);
    if (v !== undefined) out[e.key] = toPlainNode(v);
  }
  return out;
}

function toPlainNode(n: CfnNode): unknown {
  if (n.kind === 'map') return Object.fromEntries(n.entries.map((e) => [e.key, toPlainNode(e.value)]));
  if (n.kind === 'seq') return n.items.map(toPlainNode);
  return n.value;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function inputFromTemplate(t: Template, x: Extraction, oracle: Oracle): BaselineInput {
  const file = t.file;
  const resources: Res[] = [];
  const arn = new Map<string, string>();
  for (const r of t.resources.values()) {
    if (!t.isCreated(r)) continue;
    resources.push({
      id: r.id,
      type: r.type,
      props: plainProps(t, r.id, r.properties),
      line: r.keySpan.start.line,
    });
    try {
      arn.set(r.id, t.arnOf(r, r.keySpan, `Resources.${r.id}`));
    } catch {
      // No ARN format for the type: nothing refers to it by ARN here.
    }
  }
  const of = (type: string) => resources.filter((r) => r.type === type);
  const exports: ExportRecord[] = [];
  /** An export whose list (or map) entries each come from one resource. */
  const add = (key: string, data: unknown, owners: (string | undefined)[] | Record<string, string>) => {
    exports.push({
      key,
      file,
      data,
      cite: (path) => {
        const m = /^\$(?:\.[A-Za-z]+)?\[(\d+|"[^"]*")\]/.exec(path);
        let id: string | undefined;
        if (m) {
          const k = m[1].startsWith('"') ? JSON.parse(m[1]) : Number(m[1]);
          id = Array.isArray(owners) ? owners[k as number] : owners[k as string];
        } else if (Array.isArray(owners) && owners.length === 1) id = owners[0];
        const res = resources.find((r) => r.id === id);
        return res ? { file, path: `Resources.${res.id}`, line: res.line } : { file, path: 'Resources' };
      },
    });
  };

  // Account settings through emit's custom resources.
  const pw = of(PASSWORD_POLICY_TYPE)[0];
  if (pw) {
    const p: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(pw.props)) if (k !== 'ServiceToken') p[k] = typed(v);
    if (typeof p.MaxPasswordAge === 'number' && p.MaxPasswordAge > 0) p.ExpirePasswords = true;
    add('iam get-account-password-policy', { PasswordPolicy: p }, [pw.id]);
  }
  const bpa = of(PUBLIC_ACCESS_BLOCK_TYPE)[0];
  if (bpa) {
    const c: Record<string, unknown> = {};
    for (const k of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'])
      c[k] = typed(bpa.props[k]);
    add('s3control get-public-access-block', { PublicAccessBlockConfiguration: c }, [bpa.id]);
  }

  const alias = of('Custom::AccountAlias')[0];
  if (alias)
    add('iam list-account-aliases', { AccountAliases: [String(alias.props.AccountAlias ?? '')] }, [alias.id]);

  // Trails.
  const trails = of('AWS::CloudTrail::Trail');
  const trailArn = (r: Res) =>
    arn.get(r.id) ??
    `arn:aws:cloudtrail:${t.account.region}:${t.account.accountId}:trail/${String(r.props.TrailName ?? r.id)}`;
  add(
    'cloudtrail describe-trails',
    {
      trailList: trails.map((r) => ({
        Name: String(r.props.TrailName ?? r.id),
        TrailARN: trailArn(r),
        S3BucketName: r.props.S3BucketName,
        IsMultiRegionTrail: r.props.IsMultiRegionTrail === true,
        // CloudFormation's default for IncludeGlobalServiceEvents is true (AWS::CloudTrail::Trail).
        IncludeGlobalServiceEvents: r.props.IncludeGlobalServiceEvents !== false,
        LogFileValidationEnabled: r.props.EnableLogFileValidation === true,
        ...(r.props.CloudWatchLogsLogGroupArn
          ? { CloudWatchLogsLogGroupArn: r.props.CloudWatchLogsLogGroupArn }
          : {}),
        ...(r.props.KMSKeyId ? { KmsKeyId: r.props.KMSKeyId } : {}),
      })),
    },
    trails.map((r) => r.id),
  );
  const byTrail = (f: (r: Res) => unknown) => Object.fromEntries(trails.map((r) => [trailArn(r), f(r)]));
  const trailOwners = Object.fromEntries(trails.map((r) => [trailArn(r), r.id]));
  add(
    'cloudtrail get-trail-status',
    byTrail((r) => ({ IsLogging: r.props.IsLogging === true })),
    trailOwners,
  );
  add(
    'cloudtrail get-event-selectors',
    byTrail((r) =>
      r.props.AdvancedEventSelectors
        ? { AdvancedEventSelectors: r.props.AdvancedEventSelectors }
        : {
            // Without selectors a trail logs all management events (ReadWriteType All).
            EventSelectors: asList(r.props.EventSelectors ?? [{}]).map((s) => ({
              ReadWriteType: 'All',
              IncludeManagementEvents: true,
              ExcludeManagementEventSources: [],
              ...(isObject(s) ? s : {}),
            })),
          },
    ),
    trailOwners,
  );
  add(
    'cloudtrail list-tags',
    { ResourceTagList: trails.map((r) => ({ ResourceId: trailArn(r), TagsList: asList(r.props.Tags) })) },
    trails.map((r) => r.id),
  );

  // Buckets (by name).
  const buckets = of('AWS::S3::Bucket');
  const bucketName = (r: Res) =>
    String(r.props.BucketName ?? arn.get(r.id)?.replace(/^arn:[^:]+:s3:::/, '') ?? r.id);
  const bucketOwners = Object.fromEntries(buckets.map((r) => [bucketName(r), r.id]));
  const PUBLIC: Record<string, string> = {
    PublicRead: 'http://acs.amazonaws.com/groups/global/AllUsers',
    PublicReadWrite: 'http://acs.amazonaws.com/groups/global/AllUsers',
    AuthenticatedRead: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  };
  add(
    's3api get-bucket-acl',
    Object.fromEntries(
      buckets.map((r) => {
        const uri = PUBLIC[String(r.props.AccessControl ?? '')];
        return [
          bucketName(r),
          { Grants: uri ? [{ Grantee: { Type: 'Group', URI: uri }, Permission: 'READ' }] : [] },
        ];
      }),
    ),
    bucketOwners,
  );
  add(
    's3api get-bucket-logging',
    Object.fromEntries(
      buckets.map((r) => [
        bucketName(r),
        isObject(r.props.LoggingConfiguration) ? { LoggingEnabled: r.props.LoggingConfiguration } : {},
      ]),
    ),
    bucketOwners,
  );
  add(
    's3api get-bucket-tagging',
    Object.fromEntries(
      buckets.map((r) => [
        bucketName(r),
        r.props.Tags ? { TagSet: r.props.Tags } : { Error: { Code: 'NoSuchTagSet' } },
      ]),
    ),
    bucketOwners,
  );
  const bucketPolicies: Record<string, unknown> = {};
  const bucketPolicyOwners: Record<string, string> = {};
  for (const b of buckets) bucketPolicies[bucketName(b)] = { Error: { Code: 'NoSuchBucketPolicy' } };
  for (const p of of('AWS::S3::BucketPolicy')) {
    const name = String(p.props.Bucket ?? '');
    bucketPolicies[name] = { Policy: JSON.stringify(p.props.PolicyDocument ?? {}) };
    bucketPolicyOwners[name] = p.id;
  }
  add('s3api get-bucket-policy', bucketPolicies, { ...bucketOwners, ...bucketPolicyOwners });

  // Metric filters and alarms.
  const filters = of('AWS::Logs::MetricFilter');
  add(
    'logs describe-metric-filters',
    {
      metricFilters: filters.map((r) => ({
        filterName: String(r.props.FilterName ?? r.id),
        filterPattern: r.props.FilterPattern,
        logGroupName: r.props.LogGroupName,
        metricTransformations: asList(r.props.MetricTransformations).map((m) =>
          isObject(m)
            ? { metricName: m.MetricName, metricNamespace: m.MetricNamespace, metricValue: m.MetricValue }
            : m,
        ),
      })),
    },
    filters.map((r) => r.id),
  );
  const alarms = of('AWS::CloudWatch::Alarm');
  add(
    'cloudwatch describe-alarms',
    {
      MetricAlarms: alarms.map((r) => ({
        AlarmName: String(r.props.AlarmName ?? r.id),
        MetricName: r.props.MetricName,
        Namespace: r.props.Namespace,
        ActionsEnabled: r.props.ActionsEnabled !== false,
        AlarmActions: asList(r.props.AlarmActions),
      })),
    },
    alarms.map((r) => r.id),
  );

  // Topics: subscriptions (configured; confirmed only after deployment) and policies.
  const subs: Record<string, { Subscriptions: unknown[] }> = {};
  const topicOwners: Record<string, string> = {};
  for (const r of of('AWS::SNS::Topic')) {
    const a = arn.get(r.id);
    if (!a) continue;
    topicOwners[a] = r.id;
    subs[a] = {
      Subscriptions: asList(r.props.Subscription).map((s) => ({
        SubscriptionArn: 'PendingConfirmation',
        TopicArn: a,
        ...(isObject(s) ? s : {}),
      })),
    };
  }
  for (const r of of('AWS::SNS::Subscription')) {
    const a = String(r.props.TopicArn ?? '');
    subs[a] ??= { Subscriptions: [] };
    subs[a].Subscriptions.push({
      SubscriptionArn: 'PendingConfirmation',
      TopicArn: a,
      Protocol: r.props.Protocol,
      Endpoint: r.props.Endpoint,
    });
  }
  add('sns list-subscriptions-by-topic', subs, topicOwners);
  const topicAttrs: Record<string, unknown> = {};
  const topicPolicyOwners: Record<string, string> = { ...topicOwners };
  for (const a of Object.keys(topicOwners)) topicAttrs[a] = { Attributes: { TopicArn: a } };
  for (const p of of('AWS::SNS::TopicPolicy')) {
    for (const a of asList(p.props.Topics).map(String)) {
      topicAttrs[a] = { Attributes: { TopicArn: a, Policy: JSON.stringify(p.props.PolicyDocument ?? {}) } };
      topicPolicyOwners[a] = p.id;
    }
  }
  add('sns get-topic-attributes', topicAttrs, topicPolicyOwners);

  // Budgets.
  const budgets = of('AWS::Budgets::Budget');
  const budgetName = (r: Res) =>
    String((isObject(r.props.Budget) ? r.props.Budget.BudgetName : undefined) ?? r.id);
  add(
    'budgets describe-budgets',
    {
      Budgets: budgets.map((r) => ({
        ...(isObject(r.props.Budget) ? r.props.Budget : {}),
        BudgetName: budgetName(r),
      })),
    },
    budgets.map((r) => r.id),
  );
  const budgetOwners = Object.fromEntries(budgets.map((r) => [budgetName(r), r.id]));
  const nws = (r: Res) => asList(r.props.NotificationsWithSubscribers).filter(isObject);
  add(
    'budgets describe-notifications-for-budget',
    Object.fromEntries(
      budgets.map((r) => [budgetName(r), { Notifications: nws(r).map((n) => n.Notification) }]),
    ),
    budgetOwners,
  );
  add(
    'budgets describe-subscribers-for-notification',
    Object.fromEntries(
      budgets.map((r) => [budgetName(r), { Subscribers: nws(r).flatMap((n) => asList(n.Subscribers)) }]),
    ),
    budgetOwners,
  );

  // GuardDuty and EventBridge.
  const detectors = of('AWS::GuardDuty::Detector');
  add(
    'guardduty list-detectors',
    { DetectorIds: detectors.map((r) => r.id) },
    detectors.map((r) => r.id),
  );
  add(
    'guardduty get-detector',
    Object.fromEntries(
      detectors.map((r) => [r.id, { Status: r.props.Enable === true ? 'ENABLED' : 'DISABLED' }]),
    ),
    Object.fromEntries(detectors.map((r) => [r.id, r.id])),
  );
  const rules = of('AWS::Events::Rule');
  const ruleName = (r: Res) => String(r.props.Name ?? r.id);
  add(
    'events list-rules',
    {
      Rules: rules.map((r) => ({
        Name: ruleName(r),
        State: r.props.State ?? 'ENABLED',
        EventPattern: JSON.stringify(r.props.EventPattern ?? {}),
      })),
    },
    rules.map((r) => r.id),
  );
  add(
    'events list-targets-by-rule',
    Object.fromEntries(rules.map((r) => [ruleName(r), { Targets: asList(r.props.Targets) }])),
    Object.fromEntries(rules.map((r) => [ruleName(r), r.id])),
  );

  return {
    source: 'template',
    target: file,
    now: new Date(),
    account: t.account.accountId,
    exports,
    iam: iamFromExtraction(x, resources),
    oracle,
  };
}

/** The groups, roles and users the template creates (policies as cfn-policy-validator resolves them). */
function iamFromExtraction(x: Extraction, resources: Res[]): IamModel {
  const o = x.output;
  const acct = o.Account;
  const cite = (type: string, name: string): Evidence => {
    const nameProp = {
      'AWS::IAM::Group': 'GroupName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::IAM::User': 'UserName',
    }[type]!;
    const r = resources.find((x) => x.type === type && (x.props[nameProp] ?? x.id) === name);
    const ev: Evidence & { line?: number } = {
      export: 'template',
      file: x.file,
      path: r ? `Resources.${r.id}` : 'Resources',
    };
    if (r) ev.line = r.line;
    return ev;
  };
  const policies = (
    list: { Name: string; Policy: unknown; IsAWSManagedPolicy: boolean; Path: string }[],
    at: Evidence,
  ): IamPolicy[] =>
    list.map((p) => {
      const parsed = parseDocument(p.Policy);
      const a = p.IsAWSManagedPolicy ? `arn:${o.Partition}:iam::aws:policy${p.Path}${p.Name}` : undefined;
      return {
        name: p.Name,
        arn: a,
        kind: p.IsAWSManagedPolicy ? 'managed' : 'inline',
        awsManaged: a !== undefined && isAwsManagedArn(a),
        document: parsed.document,
        raw: p.Policy,
        problem: parsed.problem,
        evidence: at,
      };
    });
  const unresolved = new Map<string, string[]>();
  for (const u of x.unresolvedManagedPolicies)
    unresolved.set(u.attachedTo, [...(unresolved.get(u.attachedTo) ?? []), u.arn]);
  const missing = (name: string, at: Evidence): IamPolicy[] =>
    (unresolved.get(name) ?? []).map((a) => ({
      name: a.slice(a.lastIndexOf('/') + 1),
      arn: a,
      kind: 'managed',
      awsManaged: isAwsManagedArn(a),
      problem: `${a} is neither in the template nor a bundled AWS managed policy`,
      evidence: at,
    }));
  const userGroups = (name: string): string[] => {
    const r = resources.find((x) => x.type === 'AWS::IAM::User' && (x.props.UserName ?? x.id) === name);
    const own = asList(r?.props.Groups).map(String);
    for (const add of resources.filter((x) => x.type === 'AWS::IAM::UserToGroupAddition')) {
      if (asList(add.props.Users).map(String).includes(name)) own.push(String(add.props.GroupName));
    }
    return own;
  };
  return {
    account: acct,
    users: o.Users.map((u) => {
      const ev = cite('AWS::IAM::User', u.UserName);
      return {
        name: u.UserName,
        arn: `arn:${o.Partition}:iam::${acct}:user${u.UserPath}${u.UserName}`,
        path: u.UserPath,
        groups: userGroups(u.UserName),
        inline: [],
        attached: [...policies(u.Policies, ev), ...missing(u.UserName, ev)],
        evidence: ev,
      };
    }),
    groups: o.Groups.map((g) => {
      const ev = cite('AWS::IAM::Group', g.GroupName);
      return {
        name: g.GroupName,
        arn: `arn:${o.Partition}:iam::${acct}:group${g.GroupPath}${g.GroupName}`,
        path: g.GroupPath,
        inline: [],
        attached: [...policies(g.Policies, ev), ...missing(g.GroupName, ev)],
        evidence: ev,
      };
    }),
    roles: o.Roles.map((r) => {
      const ev = cite('AWS::IAM::Role', r.RoleName);
      const trust = parseDocument(r.TrustPolicy);
      return {
        name: r.RoleName,
        arn: `arn:${o.Partition}:iam::${acct}:role${r.RolePath}${r.RoleName}`,
        path: r.RolePath,
        trust: trust.document,
        trustRaw: r.TrustPolicy,
        trustEvidence: { ...ev, path: `${ev.path}.Properties.AssumeRolePolicyDocument` },
        inline: [],
        attached: [...policies(r.Policies, ev), ...missing(r.RoleName, ev)],
        evidence: ev,
      };
    }),
    managed: [],
  };
}
