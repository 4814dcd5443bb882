/**
 * `baseline emit --profile hydrate`: one CloudFormation template (YAML, commented) that creates the
 * hydrate plan of seed 001 in a new account, shaped so that `baseline audit --template` on it has
 * no FAIL. Pure text generation: the CLI validates the result with the cfn pipeline before printing.
 *
 * CloudFormation has no resource type for the account password policy, the account-level S3 Block
 * Public Access or the account alias (checked against the CloudFormation resource specification
 * bundled in @aws-cdk/aws-service-spec: no AWS::IAM::AccountPasswordPolicy, no account-level
 * AWS::S3 public access block type). The template sets them with one small custom resource
 * backed by an inline Lambda function that calls the IAM and S3 Control APIs.
 */
import { CIS_PATTERNS, SEED_IAM_PATTERN } from './filter-pattern.js';

/** Custom resource types for account settings CloudFormation has no resource for. */
export const PASSWORD_POLICY_TYPE = 'Custom::AccountPasswordPolicy';
export const PUBLIC_ACCESS_BLOCK_TYPE = 'Custom::S3AccountPublicAccessBlock';

export const PROFILES = ['hydrate'] as const;
export type Profile = (typeof PROFILES)[number];

export const TAG_KEYS = ['org', 'project', 'stack', 'stage'] as const;

export interface EmitOptions {
  profile: Profile;
  email?: string;
  /** Monthly cost budget in USD. */
  budget?: number;
  /** Values of the org, project, stack, stage tags. */
  tags?: Partial<Record<(typeof TAG_KEYS)[number], string>>;
  alias?: string;
  /** Regions the roles may call (first one: where the stack is deployed). */
  regions?: string[];
}

export class EmitError extends Error {}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** IAM account alias rules: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html */
const ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

/** The password policy the template sets: the seed's values raised to CIS (length 14, reuse 24). */
export const EMITTED_PASSWORD_POLICY = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
  HardExpiry: false,
};

const q = (s: string) => JSON.stringify(s);

function tagList(role: string, indent: string): string {
  return [
    `${indent}Tags:`,
    ...TAG_KEYS.map((k) => `${indent}  - { Key: ${k}, Value: !Ref Tag${k[0].toUpperCase()}${k.slice(1)} }`),
    `${indent}  - { Key: role, Value: ${role} }`,
  ].join('\n');
}

function alarmPair(id: string, title: string, pattern: string, metric: string): string {
  return `
  # ${title}
  ${id}Filter:
    Type: AWS::Logs::MetricFilter
    Properties:
      LogGroupName: !Ref TrailLogGroup
      FilterPattern: ${q(pattern)}
      MetricTransformations:
        - { MetricNamespace: CloudTrailMetrics, MetricName: ${metric}, MetricValue: "1" }
  ${id}Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: !Sub "\${AWS::StackName}-${metric}"
      AlarmDescription: ${q(title)}
      Namespace: CloudTrailMetrics
      MetricName: ${metric}
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching
      AlarmActions: [!Ref AlertTopic]`;
}

const ROLE_TRUST = `      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          # Only principals of this account, and only with MFA (long-term keys have no MFA,
          # so Bool, not BoolIfExists).
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root" }
            Action: sts:AssumeRole
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } }`;

const ADMIN_POLICY = `
      # Everything, limited by AccountGuardrails (an AWS managed policy AWS keeps current).
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess"]`;

function kindResources(kind: 'Admin' | 'Operator' | 'Developer', what: string): string {
  return `
  ${kind}Group:
    Type: AWS::IAM::Group
    Properties:
      GroupName: !Sub "\${AWS::StackName}-${kind}"
      Path: /account/
  ${kind}Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "\${AWS::StackName}-${kind}"
      Path: /account/user/
      Description: ${q(what)}
      MaxSessionDuration: 3600
${ROLE_TRUST}${kind === 'Admin' ? ADMIN_POLICY : ''}
  Assume${kind}Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: ${q(`Members of the ${kind.toLowerCase()} group may assume the ${kind.toLowerCase()} role, with MFA`)}
      Path: /account/
      Groups: [!Ref ${kind}Group]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Resource: !GetAtt ${kind}Role.Arn
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } }`;
}

/** The template text. Throws EmitError on an unusable option value. */
export function emitTemplate(o: EmitOptions): string {
  if (o.profile !== 'hydrate')
    throw new EmitError(`--profile: unknown profile "${o.profile}" (known: ${PROFILES.join(', ')})`);
  if (o.email !== undefined && !EMAIL.test(o.email))
    throw new EmitError(`--email: "${o.email}" is not an e-mail address`);
  if (o.budget !== undefined && !(Number.isFinite(o.budget) && o.budget > 0))
    throw new EmitError('--budget: give a positive amount in USD');
  if (o.alias !== undefined && !ALIAS.test(o.alias)) {
    throw new EmitError(
      `--alias: "${o.alias}" is not a valid account alias (3-63 lowercase letters, digits and single hyphens)`,
    );
  }
  const regions = o.regions ?? ['us-east-1'];
  const tag = (k: (typeof TAG_KEYS)[number], d: string) => o.tags?.[k] ?? d;
  const pw = EMITTED_PASSWORD_POLICY;
  const cis = Object.entries(CIS_PATTERNS)
    .map(([n, p]) => alarmPair(`Cis${n}`, `CIS CloudWatch.${n}: ${p.title}`, p.pattern, `Cis${n}EventCount`))
    .join('\n');
  return `# leastpriv baseline emit --profile hydrate
#
# The account plan of "Hydrate an AWS account" (seed 001) as one stack: administrator, operator and
# developer groups, each mapped to a role its members assume only with MFA; a password policy and
# S3 Block Public Access for the whole account; a multi-Region CloudTrail trail (encrypted,
# validated, delivered to CloudWatch Logs) with its buckets; an SNS alert topic; metric filters
# and alarms (root user activity, IAM policy changes and the other CIS CloudWatch checks); a
# monthly cost budget; GuardDuty with an EventBridge rule for its findings.
#
# Deploy (CAPABILITY_NAMED_IAM: the groups and roles have names):
#   aws cloudformation deploy --template-file hydrate.yaml --stack-name hydrate \\
#     --capabilities CAPABILITY_NAMED_IAM${o.email ? '' : ' --parameter-overrides AlertEmail=you@example.com'}
# Then: confirm the e-mail subscription, create IAM users (with MFA) in the groups, and delete the
# bootstrap user. Check with: leastpriv baseline audit --template hydrate.yaml
#
# CloudFormation has no resource type for the account password policy, the account-level S3 Block
# Public Access or the account alias; the AccountSettings function below sets them (custom
# resources ${PASSWORD_POLICY_TYPE}, ${PUBLIC_ACCESS_BLOCK_TYPE}${o.alias ? ', Custom::AccountAlias' : ''}) and restores nothing on
# delete except the password policy and the alias, which it removes.
AWSTemplateFormatVersion: "2010-09-09"
Description: Account baseline (hydrate plan) emitted by leastpriv

Parameters:
  AlertEmail:
    Type: String
    Description: E-mail address that receives the alerts (confirm the subscription after deploying)
    AllowedPattern: "[^@\\\\s]+@[^@\\\\s]+\\\\.[^@\\\\s]+"${o.email ? `\n    Default: ${q(o.email)}` : ''}
  MonthlyBudgetUsd:
    Type: Number
    Description: Monthly cost budget; the alert fires at 80 % of actual spend
    Default: ${o.budget ?? 10}
  AllowedRegions:
    Type: CommaDelimitedList
    Description: Regions the administrator, operator and developer roles may call
    Default: ${q(regions.join(','))}
  TagOrg:
    Type: String
    Description: Tag "org" - the billing organization that owns the resources
    Default: ${q(tag('org', 'devops'))}
  TagProject:
    Type: String
    Description: Tag "project"
    Default: ${q(tag('project', 'infrastructure'))}
  TagStack:
    Type: String
    Description: Tag "stack" - one deployment of the project
    Default: ${q(tag('stack', 'main'))}
  TagStage:
    Type: String
    Description: Tag "stage" (dev, test, prod)
    Default: ${q(tag('stage', 'prod'))}

Resources:
  # ---------------------------------------------------------------- groups and roles
  # A human gets AWS access only by assuming one of these roles with MFA, as a member of its group.
${kindResources('Admin', 'Administrators: write IAM and CloudTrail, and everything operators do')}
${kindResources('Operator', 'Operators: write every service but IAM and CloudTrail, which they only read')}
${kindResources('Developer', 'Developers: deploy and monitor applications on what the others set up')}

  OperatorPermissions:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: Operators write every service except IAM and CloudTrail, which they read
      Path: /account/
      Roles: [!Ref OperatorRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: WriteAllButIamAndCloudTrail
            Effect: Allow
            NotAction: ["iam:*", "cloudtrail:*", "organizations:*", "account:*"]
            Resource: "*"
          - Sid: ReadIamAndCloudTrail
            Effect: Allow
            Action:
              - iam:Get*
              - iam:List*
              - iam:GenerateCredentialReport
              - iam:GenerateServiceLastAccessedDetails
              - cloudtrail:Describe*
              - cloudtrail:Get*
              - cloudtrail:List*
              - cloudtrail:LookupEvents
            Resource: "*"
          # Applications run with roles administrators create under /service/; operators may
          # hand those (and only those) to AWS services.
          - Sid: PassServiceRoles
            Effect: Allow
            Action: iam:PassRole
            Resource: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/service/*"
  DeveloperPermissions:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: Developers deploy new versions and read logs and metrics; they create nothing
      Path: /account/
      Roles: [!Ref DeveloperRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Deploy
            Effect: Allow
            Action:
              - s3:GetObject
              - s3:PutObject
              - s3:DeleteObject
              - s3:ListBucket
              - lambda:GetFunction
              - lambda:ListFunctions
              - lambda:UpdateFunctionCode
              - lambda:PublishVersion
              - lambda:UpdateAlias
              - ecs:DescribeServices
              - ecs:UpdateService
              - cloudformation:DescribeStacks
              - cloudformation:DescribeStackEvents
            Resource: "*"
          - Sid: Monitor
            Effect: Allow
            Action:
              - logs:DescribeLogGroups
              - logs:DescribeLogStreams
              - logs:FilterLogEvents
              - logs:GetLogEvents
              - logs:StartQuery
              - logs:GetQueryResults
              - cloudwatch:GetMetricData
              - cloudwatch:ListMetrics
              - cloudwatch:DescribeAlarms
            Resource: "*"
  # The seed's limitRegions: nothing outside the allowed Regions (global services excepted), and
  # nothing without TLS.
  AccountGuardrails:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: Deny calls outside the allowed Regions and calls without TLS
      Path: /account/
      Roles: [!Ref AdminRole, !Ref OperatorRole, !Ref DeveloperRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: AllowedRegionsOnly
            Effect: Deny
            NotAction: ["iam:*", "sts:*", "organizations:*", "account:*", "support:*", "budgets:*", "ce:*", "cloudfront:*", "route53:*", "health:*", "trustedadvisor:*"]
            Resource: "*"
            Condition: { StringNotEquals: { "aws:RequestedRegion": !Ref AllowedRegions } }
          - Sid: TlsOnly
            Effect: Deny
            Action: "*"
            Resource: "*"
            Condition: { Bool: { "aws:SecureTransport": "false" } }
  # CIS 1.17: a role for AWS Support cases.
  SupportRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub "\${AWS::StackName}-Support"
      Path: /account/user/
      MaxSessionDuration: 3600
${ROLE_TRUST}
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/AWSSupportAccess"]

  # ---------------------------------------------------------------- account settings
  AccountSettingsRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /service/
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
      Policies:
        - PolicyName: account-settings
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action:
                  - iam:UpdateAccountPasswordPolicy
                  - iam:DeleteAccountPasswordPolicy
                  - iam:CreateAccountAlias
                  - iam:DeleteAccountAlias
                  - s3:PutAccountPublicAccessBlock
                Resource: "*"
  AccountSettingsFunction:
    Type: AWS::Lambda::Function
    Properties:
      Description: Sets account-wide settings CloudFormation has no resource for
      Runtime: python3.12
      Handler: index.handler
      Timeout: 60
      Role: !GetAtt AccountSettingsRole.Arn
      Code:
        ZipFile: |
          import boto3, cfnresponse

          def flag(v):
              return str(v).lower() == "true"

          def handler(event, context):
              kind, props = event["ResourceType"], event["ResourceProperties"]
              try:
                  if kind == "${PASSWORD_POLICY_TYPE}":
                      iam = boto3.client("iam")
                      if event["RequestType"] == "Delete":
                          iam.delete_account_password_policy()
                      else:
                          iam.update_account_password_policy(
                              MinimumPasswordLength=int(props["MinimumPasswordLength"]),
                              RequireSymbols=flag(props["RequireSymbols"]),
                              RequireNumbers=flag(props["RequireNumbers"]),
                              RequireUppercaseCharacters=flag(props["RequireUppercaseCharacters"]),
                              RequireLowercaseCharacters=flag(props["RequireLowercaseCharacters"]),
                              AllowUsersToChangePassword=flag(props["AllowUsersToChangePassword"]),
                              MaxPasswordAge=int(props["MaxPasswordAge"]),
                              PasswordReusePrevention=int(props["PasswordReusePrevention"]),
                              HardExpiry=flag(props["HardExpiry"]))
                  elif kind == "${PUBLIC_ACCESS_BLOCK_TYPE}" and event["RequestType"] != "Delete":
                      boto3.client("s3control").put_public_access_block(
                          AccountId=props["AccountId"],
                          PublicAccessBlockConfiguration={k: flag(props[k]) for k in (
                              "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")})
                  elif kind == "Custom::AccountAlias":
                      iam = boto3.client("iam")
                      if event["RequestType"] == "Delete":
                          iam.delete_account_alias(AccountAlias=props["AccountAlias"])
                      else:
                          iam.create_account_alias(AccountAlias=props["AccountAlias"])
                  cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, kind)
              except Exception as e:
                  cfnresponse.send(event, context, cfnresponse.FAILED, {"Error": str(e)}, kind)
  # The seed's accountBootstrap values, raised to CIS 1.8 (length 14) and 1.9 (reuse 24).
  PasswordPolicy:
    Type: ${PASSWORD_POLICY_TYPE}
    Properties:
      ServiceToken: !GetAtt AccountSettingsFunction.Arn
${Object.entries(pw)
  .map(([k, v]) => `      ${k}: ${q(String(v))}`)
  .join('\n')}
  # Account-level S3 Block Public Access, all four settings (seed accountBootstrap).
  PublicAccessBlock:
    Type: ${PUBLIC_ACCESS_BLOCK_TYPE}
    Properties:
      ServiceToken: !GetAtt AccountSettingsFunction.Arn
      AccountId: !Ref AWS::AccountId
      BlockPublicAcls: "true"
      IgnorePublicAcls: "true"
      BlockPublicPolicy: "true"
      RestrictPublicBuckets: "true"
${
  o.alias
    ? `  # Seed 004: an alias that says what the account is for (<org>-<stage>-<purpose>).
  AccountAlias:
    Type: Custom::AccountAlias
    Properties:
      ServiceToken: !GetAtt AccountSettingsFunction.Arn
      AccountAlias: ${q(o.alias)}
`
    : ''
}
  # ---------------------------------------------------------------- CloudTrail
  TrailKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Encrypts the CloudTrail log files
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: AccountAdministers
            Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root" }
            Action: kms:*
            Resource: "*"
          - Sid: CloudTrailEncrypts
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: kms:GenerateDataKey*
            Resource: "*"
            Condition:
              StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": !Sub "arn:\${AWS::Partition}:cloudtrail:*:\${AWS::AccountId}:trail/*" }
              StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId }
          - Sid: CloudTrailDescribes
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: kms:DescribeKey
            Resource: "*"
            Condition: { StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId } }
${tagList('monitoring', '      ')}
  AccessLogBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } }]
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }
      OwnershipControls: { Rules: [{ ObjectOwnership: BucketOwnerEnforced }] }
${tagList('access-logs', '      ')}
  AccessLogBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref AccessLogBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: S3ServerAccessLogs
            Effect: Allow
            Principal: { Service: logging.s3.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub "\${AccessLogBucket.Arn}/*"
            Condition: { StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId } }
          - Sid: TlsOnly
            Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource: [!GetAtt AccessLogBucket.Arn, !Sub "\${AccessLogBucket.Arn}/*"]
            Condition: { Bool: { "aws:SecureTransport": "false" } }
  TrailBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } }]
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }
      OwnershipControls: { Rules: [{ ObjectOwnership: BucketOwnerEnforced }] }
      VersioningConfiguration: { Status: Enabled }
      LoggingConfiguration: { DestinationBucketName: !Ref AccessLogBucket, LogFilePrefix: trail-bucket/ }
${tagList('monitoring', '      ')}
  TrailBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref TrailBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: CloudTrailAclCheck
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:GetBucketAcl
            Resource: !GetAtt TrailBucket.Arn
            Condition: { StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId } }
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub "\${TrailBucket.Arn}/AWSLogs/\${AWS::AccountId}/*"
            Condition: { StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId } }
          - Sid: TlsOnly
            Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource: [!GetAtt TrailBucket.Arn, !Sub "\${TrailBucket.Arn}/*"]
            Condition: { Bool: { "aws:SecureTransport": "false" } }
  TrailLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub "\${AWS::StackName}-CloudTrailLogs"
      RetentionInDays: 365
  TrailLogsRole:
    Type: AWS::IAM::Role
    Properties:
      Path: /service/
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: deliver-to-log-group
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: !GetAtt TrailLogGroup.Arn
  Trail:
    Type: AWS::CloudTrail::Trail
    DependsOn: [TrailBucketPolicy]
    Properties:
      TrailName: !Sub "\${AWS::StackName}-trail"
      IsLogging: true
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      S3BucketName: !Ref TrailBucket
      KMSKeyId: !GetAtt TrailKey.Arn
      CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn
      CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn
      # All management events, read and write (CIS 3.1; the seed logged write events only).
      EventSelectors:
        - { ReadWriteType: All, IncludeManagementEvents: true }
${tagList('monitoring', '      ')}

  # ---------------------------------------------------------------- alerts
  AlertTopic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: Account alerts
      Subscription:
        - { Protocol: email, Endpoint: !Ref AlertEmail }
${tagList('alerts', '      ')}
  AlertTopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref AlertTopic]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          # CloudWatch alarms, EventBridge rules and AWS Budgets publish the alerts.
          - Sid: ServicesPublish
            Effect: Allow
            Principal: { Service: [cloudwatch.amazonaws.com, events.amazonaws.com, budgets.amazonaws.com] }
            Action: sns:Publish
            Resource: !Ref AlertTopic
            Condition: { StringEquals: { "aws:SourceAccount": !Ref AWS::AccountId } }
${alarmPair('RootActivity', 'Root user activity (seed rootAccountAlarm; CIS CloudWatch.1)', CIS_PATTERNS[1].pattern, 'RootUserEventCount')}
${alarmPair('IamChanges', 'IAM changes (seed iamAlarm)', SEED_IAM_PATTERN, 'IAMPolicyEventCount')}
${cis}

  # Seed budgetAlarm: e-mail through the topic when actual spend passes 80 % of the budget.
  CostBudget:
    Type: AWS::Budgets::Budget
    Properties:
      Budget:
        BudgetName: !Sub "\${AWS::StackName}-monthly-cost"
        BudgetType: COST
        TimeUnit: MONTHLY
        BudgetLimit: { Amount: !Ref MonthlyBudgetUsd, Unit: USD }
      NotificationsWithSubscribers:
        - Notification: { NotificationType: ACTUAL, ComparisonOperator: GREATER_THAN, Threshold: 80, ThresholdType: PERCENTAGE }
          Subscribers: [{ SubscriptionType: SNS, Address: !Ref AlertTopic }]

  # Seed guardDuty: the detector, and its findings to the alert topic.
  GuardDutyDetector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
      FindingPublishingFrequency: FIFTEEN_MINUTES
  GuardDutyFindingsRule:
    Type: AWS::Events::Rule
    Properties:
      Description: GuardDuty findings to the alert topic
      State: ENABLED
      EventPattern:
        source: [aws.guardduty]
        detail-type: [GuardDuty Finding]
      Targets:
        - { Id: alert-topic, Arn: !Ref AlertTopic }

Outputs:
  AlertTopicArn:
    Value: !Ref AlertTopic
  AdminRoleArn:
    Value: !GetAtt AdminRole.Arn
  OperatorRoleArn:
    Value: !GetAtt OperatorRole.Arn
  DeveloperRoleArn:
    Value: !GetAtt DeveloperRole.Arn
  TrailBucketName:
    Value: !Ref TrailBucket
`;
}
