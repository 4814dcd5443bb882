/**
 * The read-only AWS CLI commands that produce a snapshot directory. leastpriv never calls AWS:
 * a person (or CI job) with read access runs these, and leastpriv reads the files offline.
 */
export interface CollectStep {
  /** The file it writes, relative to the snapshot directory. */
  file: string;
  command: string;
  /** What needs it. */
  purpose: string;
  /** Run in the organization's management (or delegated administrator) account. */
  organization?: boolean;
}

const R = 'resources';

export const COLLECT_STEPS: CollectStep[] = [
  {
    file: 'iam-get-account-authorization-details.json',
    command: 'aws iam get-account-authorization-details --output json',
    purpose: 'users, groups, roles, managed policies (all versions): required',
  },
  {
    file: 'account-aliases.json',
    command: 'aws iam list-account-aliases --output json',
    purpose: 'the alias shown next to the account id',
  },
  {
    file: 'iam-get-credential-report.json',
    command: 'aws iam get-credential-report --output json',
    purpose:
      'access-key counts and passwords (iam-002/003/004/006); run aws iam generate-credential-report first (or save the decoded CSV as credential-report.csv)',
  },
  {
    file: 'organizations-describe-organization.json',
    command: 'aws organizations describe-organization --output json',
    purpose: 'the management account (SCPs do not apply to it)',
    organization: true,
  },
  {
    file: 'scps.json',
    command:
      'for t in $(aws organizations list-parents --child-id ACCOUNT_ID ...; walk to the root); aws organizations list-policies-for-target --target-id $t --filter SERVICE_CONTROL_POLICY, then describe-policy --policy-id each; write [[root...], [ou...], [account...]]',
    purpose: 'service control policies per level, root first',
    organization: true,
  },
  {
    file: 'rcps.json',
    command: 'as scps.json with --filter RESOURCE_CONTROL_POLICY',
    purpose: 'resource control policies per level, root first',
    organization: true,
  },
  {
    file: 'resource-policies.json',
    command:
      'aws s3api get-bucket-policy --bucket B; aws sqs get-queue-attributes --attribute-names Policy; aws sns get-topic-attributes; aws kms get-key-policy --policy-name default; aws lambda get-policy; aws secretsmanager get-resource-policy; aws ecr get-repository-policy -> [{"arn": ARN, "policy": POLICY}, ...]',
    purpose: 'resource-based policies (who-can, can)',
  },
  {
    file: `${R}/lambda list-functions.json`,
    command: 'aws lambda list-functions --output json',
    purpose: 'lambda-003/004/005',
  },
  {
    file: `${R}/lambda list-event-source-mappings.json`,
    command: 'aws lambda list-event-source-mappings --output json',
    purpose: 'lambda-003 (a trigger runs the changed code)',
  },
  {
    file: `${R}/ec2 describe-instances.json`,
    command: 'aws ec2 describe-instances --output json',
    purpose: 'ec2-002, ssm-001/002, ec2instanceconnect-003',
  },
  {
    file: `${R}/ssm describe-instance-information.json`,
    command: 'aws ssm describe-instance-information --output json',
    purpose: 'ssm-001/002 (agent online)',
  },
  {
    file: `${R}/ec2 describe-launch-template-versions.json`,
    command: 'aws ec2 describe-launch-template-versions --versions \\$Latest --output json',
    purpose: 'ec2-004',
  },
  {
    file: `${R}/cloudformation describe-stacks.json`,
    command: 'aws cloudformation describe-stacks --output json',
    purpose: 'cloudformation-002/005',
  },
  {
    file: `${R}/cloudformation describe-stack-set.json`,
    command: 'aws cloudformation list-stack-sets, then describe-stack-set --stack-set-name each -> [..]',
    purpose: 'cloudformation-004',
  },
  {
    file: `${R}/codebuild batch-get-projects.json`,
    command:
      'aws codebuild batch-get-projects --names $(aws codebuild list-projects --query projects --output text)',
    purpose: 'codebuild-002/003',
  },
  {
    file: `${R}/glue get-dev-endpoints.json`,
    command: 'aws glue get-dev-endpoints --output json',
    purpose: 'glue-002',
  },
  { file: `${R}/glue get-jobs.json`, command: 'aws glue get-jobs --output json', purpose: 'glue-005/006' },
  {
    file: `${R}/sagemaker describe-notebook-instance.json`,
    command: 'aws sagemaker list-notebook-instances, then describe-notebook-instance each -> [..]',
    purpose: 'sagemaker-004/005',
  },
  {
    file: `${R}/ecs list-clusters.json`,
    command: 'aws ecs list-clusters --output json',
    purpose: 'ecs-003/004/005',
  },
  {
    file: `${R}/ecs list-container-instances.json`,
    command: 'aws ecs list-container-instances --cluster C --output json',
    purpose: 'ecs-005',
  },
  {
    file: `${R}/apprunner describe-service.json`,
    command: 'aws apprunner list-services, then describe-service each -> [..]',
    purpose: 'apprunner-002',
  },
  {
    file: `${R}/bedrock-agentcore list-code-interpreters.json`,
    command: 'aws bedrock-agentcore-control list-code-interpreters, then get-code-interpreter each -> [..]',
    purpose: 'bedrock-002',
  },
  {
    file: `${R}/autoscaling describe-launch-configurations.json`,
    command: 'aws autoscaling describe-launch-configurations --output json',
    purpose: 'PMapper: CreateAutoScalingGroup with an existing launch configuration',
  },
  // leastpriv baseline audit (docs/baseline.md): a failed command is recorded as {"Error": {"Code": ...}};
  // per-resource outputs are one object keyed by the resource (trail ARN, bucket, topic ARN, ...).
  ...[
    ['iam-get-account-summary', 'aws iam get-account-summary'],
    ['iam-get-account-password-policy', 'aws iam get-account-password-policy'],
    ['iam-list-virtual-mfa-devices', 'aws iam list-virtual-mfa-devices'],
    ['cloudtrail-describe-trails', 'aws cloudtrail describe-trails'],
    [
      'cloudtrail-get-trail-status',
      'aws cloudtrail get-trail-status --name TRAIL_ARN, per trail -> {TRAIL_ARN: OUTPUT}',
    ],
    [
      'cloudtrail-get-event-selectors',
      'aws cloudtrail get-event-selectors --trail-name TRAIL_ARN, per trail -> {TRAIL_ARN: OUTPUT}',
    ],
    ['cloudtrail-list-tags', 'aws cloudtrail list-tags --resource-id-list "$TRAIL_ARN"'],
    ['logs-describe-metric-filters', 'aws logs describe-metric-filters'],
    ['cloudwatch-describe-alarms', 'aws cloudwatch describe-alarms'],
    [
      'sns-list-subscriptions-by-topic',
      'aws sns list-subscriptions-by-topic --topic-arn T, per topic -> {TOPIC_ARN: OUTPUT}',
    ],
    [
      'sns-get-topic-attributes',
      'aws sns get-topic-attributes --topic-arn T, per topic -> {TOPIC_ARN: OUTPUT}',
    ],
    ['s3control-get-public-access-block', 'aws s3control get-public-access-block --account-id "$ACCOUNT_ID"'],
    [
      's3api-get-bucket-acl',
      'aws s3api get-bucket-acl --bucket B, per trail bucket -> {BUCKET: OUTPUT} (likewise get-bucket-policy, get-bucket-logging, get-bucket-tagging)',
    ],
    [
      'budgets-describe-budgets',
      'aws budgets describe-budgets --account-id "$ACCOUNT_ID" (and describe-notifications-for-budget, describe-subscribers-for-notification per budget -> {BUDGET_NAME: OUTPUT})',
    ],
    [
      'guardduty-list-detectors',
      'aws guardduty list-detectors (and get-detector --detector-id D per detector -> {D: OUTPUT})',
    ],
    [
      'events-list-rules',
      'aws events list-rules (and list-targets-by-rule --rule R per rule -> {R: OUTPUT})',
    ],
    [
      'configservice-describe-configuration-recorders',
      'aws configservice describe-configuration-recorders (and describe-configuration-recorder-status)',
    ],
    [
      'kms-describe-key',
      'aws kms describe-key --key-id K per key -> {K: OUTPUT} (and get-key-rotation-status)',
    ],
  ].map(([file, command]) => ({
    file: `${file}.json`,
    command: /^aws [a-z0-9-]+ [a-z0-9-]+$/.test(command) ? `${command} --output json` : command,
    purpose: 'leastpriv baseline audit',
  })),
];

/** The commands as a shell script that writes the directory (read-only calls only). */
export function collectScript(dir = 'snapshot'): string {
  const lines = [
    '#!/usr/bin/env bash',
    '# Read-only AWS CLI calls that write a leastpriv account snapshot directory.',
    '# Needs read access (e.g. the SecurityAudit managed policy); lines marked [org] run in the',
    '# management or delegated administrator account. Skip what you cannot collect: missing',
    '# exports make the answers that need them "unknown", never "exists".',
    'set -euo pipefail',
    `mkdir -p '${dir}/resources'`,
  ];
  for (const s of COLLECT_STEPS) {
    lines.push('', `# ${s.file}: ${s.purpose}${s.organization ? ' [org]' : ''}`);
    const simple = /^aws [a-z0-9-]+ [a-z0-9-]+( --[a-z-]+( [^ ;|$]+)?)*$/.test(s.command);
    lines.push(simple ? `${s.command} > '${dir}/${s.file}'` : `#   ${s.command}`);
  }
  return `${lines.join('\n')}\n`;
}
