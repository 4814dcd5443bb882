/**
 * The part of the SAM transform that creates IAM policies: the implicit execution role of
 * `AWS::Serverless::Function` (and `AWS::Serverless::StateMachine`) with its `Policies`
 * (AWS managed policy names or ARNs, inline documents and SAM policy templates).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies
 * Policy templates: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html
 * Generated role: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
 */
import type { Span } from '../../policy/location.js';
import { type CfnEntry, type CfnMap, type CfnNode, fromPlain, get, toPlain } from './node.js';
import type { Account } from './resources.js';
import type { ResourceDef, Template } from './template.js';

type Params = Record<string, string>;
type Stmt = { Effect: 'Allow'; Action: string | string[]; Resource: string | string[]; Condition?: unknown };

const regional = (a: Account, service: string, resource: string) =>
  `arn:${a.partition}:${service}:${a.region}:${a.accountId}:${resource}`;
const allow = (Action: string | string[], Resource: string | string[]): Stmt => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const s3 = (a: Account, b: string) => [`arn:${a.partition}:s3:::${b}`, `arn:${a.partition}:s3:::${b}/*`];
const table = (a: Account, t: string) => [
  regional(a, 'dynamodb', `table/${t}`),
  regional(a, 'dynamodb', `table/${t}/index/*`),
];

interface PolicyTemplate {
  params: string[];
  statements: (p: Params, a: Account) => Stmt[];
}

/** SAM policy templates, statement for statement as the SAM policy template list documents them. */
export const POLICY_TEMPLATES: Record<string, PolicyTemplate> = {
  S3ReadPolicy: {
    params: ['BucketName'],
    statements: (p, a) => [
      allow(
        [
          's3:GetObject',
          's3:ListBucket',
          's3:GetBucketLocation',
          's3:GetObjectVersion',
          's3:GetLifecycleConfiguration',
        ],
        s3(a, p.BucketName),
      ),
    ],
  },
  S3WritePolicy: {
    params: ['BucketName'],
    statements: (p, a) => [
      allow(['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], s3(a, p.BucketName)),
    ],
  },
  S3CrudPolicy: {
    params: ['BucketName'],
    statements: (p, a) => [
      allow(
        [
          's3:GetObject',
          's3:ListBucket',
          's3:GetBucketLocation',
          's3:GetObjectVersion',
          's3:PutObject',
          's3:PutObjectAcl',
          's3:GetLifecycleConfiguration',
          's3:PutLifecycleConfiguration',
          's3:DeleteObject',
        ],
        s3(a, p.BucketName),
      ),
    ],
  },
  DynamoDBReadPolicy: {
    params: ['TableName'],
    statements: (p, a) => [
      allow(
        [
          'dynamodb:GetItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
        ],
        table(a, p.TableName),
      ),
    ],
  },
  DynamoDBWritePolicy: {
    params: ['TableName'],
    statements: (p, a) => [
      allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], table(a, p.TableName)),
    ],
  },
  DynamoDBCrudPolicy: {
    params: ['TableName'],
    statements: (p, a) => [
      allow(
        [
          'dynamodb:GetItem',
          'dynamodb:DeleteItem',
          'dynamodb:PutItem',
          'dynamodb:Scan',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:BatchGetItem',
          'dynamodb:DescribeTable',
          'dynamodb:ConditionCheckItem',
        ],
        table(a, p.TableName),
      ),
    ],
  },
  SQSSendMessagePolicy: {
    params: ['QueueName'],
    statements: (p, a) => [allow(['sqs:SendMessage*'], regional(a, 'sqs', p.QueueName))],
  },
  SQSPollerPolicy: {
    params: ['QueueName'],
    statements: (p, a) => [
      allow(
        [
          'sqs:ChangeMessageVisibility',
          'sqs:ChangeMessageVisibilityBatch',
          'sqs:DeleteMessage',
          'sqs:DeleteMessageBatch',
          'sqs:GetQueueAttributes',
          'sqs:ReceiveMessage',
        ],
        regional(a, 'sqs', p.QueueName),
      ),
    ],
  },
  SNSPublishMessagePolicy: {
    params: ['TopicName'],
    statements: (p, a) => [allow(['sns:Publish'], regional(a, 'sns', p.TopicName))],
  },
  LambdaInvokePolicy: {
    params: ['FunctionName'],
    statements: (p, a) => [
      allow(['lambda:InvokeFunction'], regional(a, 'lambda', `function:${p.FunctionName}*`)),
    ],
  },
  KMSDecryptPolicy: {
    params: ['KeyId'],
    statements: (p, a) => [allow('kms:Decrypt', regional(a, 'kms', `key/${p.KeyId}`))],
  },
  KMSEncryptPolicy: {
    params: ['KeyId'],
    statements: (p, a) => [allow('kms:Encrypt', regional(a, 'kms', `key/${p.KeyId}`))],
  },
  AWSSecretsManagerGetSecretValuePolicy: {
    params: ['SecretArn'],
    statements: (p) => [allow(['secretsmanager:GetSecretValue'], p.SecretArn)],
  },
  CloudWatchPutMetricPolicy: {
    params: [],
    statements: () => [allow(['cloudwatch:PutMetricData'], '*')],
  },
  SSMParameterReadPolicy: {
    params: ['ParameterName'],
    statements: (p, a) => [
      allow(['ssm:DescribeParameters'], '*'),
      allow(
        ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
        regional(a, 'ssm', `parameter/${p.ParameterName}`),
      ),
    ],
  },
  StepFunctionsExecutionPolicy: {
    params: ['StateMachineName'],
    statements: (p, a) => [
      allow(['states:StartExecution'], regional(a, 'states', `stateMachine:${p.StateMachineName}`)),
    ],
  },
  EventBridgePutEventsPolicy: {
    params: ['EventBusName'],
    statements: (p, a) => [allow('events:PutEvents', regional(a, 'events', `event-bus/${p.EventBusName}`))],
  },
  VPCAccessPolicy: {
    params: [],
    statements: () => [
      allow(
        [
          'ec2:CreateNetworkInterface',
          'ec2:DeleteNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DetachNetworkInterface',
        ],
        '*',
      ),
    ],
  },
};
/** The name the brief and some users write for AWSSecretsManagerGetSecretValuePolicy. */
POLICY_TEMPLATES.SecretsManagerGetSecretValuePolicy = POLICY_TEMPLATES.AWSSecretsManagerGetSecretValuePolicy;

/** Event source types for which SAM adds an AWS managed policy to the implicit role. */
const EVENT_POLICIES: Record<string, string> = {
  SQS: 'service-role/AWSLambdaSQSQueueExecutionRole',
  Kinesis: 'service-role/AWSLambdaKinesisExecutionRole',
  DynamoDB: 'service-role/AWSLambdaDynamoDBExecutionRole',
  MSK: 'service-role/AWSLambdaMSKExecutionRole',
};

export interface SamOptions {
  /** Excluded types: an excluded function or state machine gets no implicit role. */
  excludeResourceTypes?: string[];
  /** AWS managed policy name -> ARN (SAM's managed policy map); names not found get `iam::aws:policy/NAME`. */
  managedPolicyArn?: (name: string, partition: string) => string | undefined;
}

const map = (entries: Array<[string, CfnNode]>, span: Span): CfnMap => ({
  kind: 'map',
  entries: entries.map(([key, value]): CfnEntry => ({ key, keySpan: span, value })),
  span,
});

/**
 * Adds the roles the SAM transform would create (`<LogicalId>Role`) to the template's resources.
 * Policies are resolved here (their intrinsic functions evaluated), so the role carries plain
 * documents whose spans point at the function's `Policies` entries.
 */
export function expandSam(t: Template, options: SamOptions = {}): void {
  if (!t.isSam) return;
  const added: ResourceDef[] = [];
  for (const r of t.resources.values()) {
    if (r.type !== 'AWS::Serverless::Function' && r.type !== 'AWS::Serverless::StateMachine') continue;
    if (options.excludeResourceTypes?.includes(r.type)) continue;
    if (!t.isCreated(r)) continue;
    if (t.property(r, 'Role') !== undefined) continue;
    const roleId = `${r.id}Role`;
    if (t.resources.has(roleId)) continue;
    added.push(implicitRole(t, r, roleId, options));
  }
  for (const a of added) t.resources.set(a.id, a);
}

function implicitRole(t: Template, fn: ResourceDef, roleId: string, options: SamOptions): ResourceDef {
  const span = fn.keySpan;
  const a = t.account;
  const where = `Resources.${fn.id}.Properties.Policies`;
  const isFunction = fn.type === 'AWS::Serverless::Function';
  const service = isFunction ? 'lambda.amazonaws.com' : 'states.amazonaws.com';
  const trust = fromPlain(
    {
      Version: '2012-10-17',
      Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }],
    },
    span,
  );
  const managedArn = (name: string) =>
    name.startsWith('arn:')
      ? name
      : (options.managedPolicyArn?.(name, a.partition) ?? `arn:${a.partition}:iam::aws:policy/${name}`);
  const managed: CfnNode[] = [];
  // A property of the function, else of `Globals: Function:` (SAM's global section).
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
  const prop = (name: string): CfnNode | undefined => {
    const own = t.property(fn, name);
    if (own !== undefined || !isFunction) return own;
    const global = get(get(get(t.root, 'Globals'), 'Function'), name);
    return global ? t.eval(global, `Globals.Function.${name}`) : undefined;
  };
  if (isFunction) {
    managed.push(fromPlain(managedArn('service-role/AWSLambdaBasicExecutionRole'), span));
    const tracing = prop('Tracing');
    if (tracing && toPlain(tracing) === 'Active')
      managed.push(fromPlain(managedArn('AWSXrayWriteOnlyAccess'), span));
    if (prop('VpcConfig')) {
      managed.push(fromPlain(managedArn('service-role/AWSLambdaVPCAccessExecutionRole'), span));
    }
    // Poll-based event sources: SAM attaches the matching execution-role managed policy.
    const events = t.property(fn, 'Events');
    const added = new Set<string>();
    for (const e of events?.kind === 'map' ? events.entries : []) {
      const type = get(e.value, 'Type');
      const policy = type?.kind === 'scalar' ? EVENT_POLICIES[String(type.value)] : undefined;
      if (policy && !added.has(policy)) {
        added.add(policy);
        managed.push(fromPlain(managedArn(policy), e.keySpan));
      }
    }
  }
  const inline: CfnNode[] = [];
  const policies = t.property(fn, 'Policies');
  const items = policies === undefined ? [] : policies.kind === 'seq' ? policies.items : [policies];
  items.forEach((item, i) => {
    const iw = `${where}[${i}]`;
    if (item.kind === 'scalar') {
      managed.push({ ...item, value: managedArn(t.asString(item, iw)) });
      return;
    }
    if (item.kind !== 'map')
      throw t.error('a Policies entry must be a name, ARN, document or policy template', item.span, iw);
    let doc: CfnNode;
    if (get(item, 'Statement')) doc = item;
    else if (item.entries.length === 1 && POLICY_TEMPLATES[item.entries[0].key]) {
      doc = expandTemplate(t, item.entries[0].key, item.entries[0].value, item.span, iw);
    } else {
      const name = item.entries[0]?.key ?? '{}';
      throw t.error(`unknown SAM policy template "${name}"`, item.span, iw);
    }
    inline.push(
      map(
        [
          ['PolicyName', fromPlain(`${fn.id}RolePolicy${inline.length}`, item.span)],
          ['PolicyDocument', doc],
        ],
        item.span,
      ),
    );
  });
  const props: Array<[string, CfnNode]> = [['AssumeRolePolicyDocument', trust]];
  if (managed.length) props.push(['ManagedPolicyArns', { kind: 'seq', items: managed, span }]);
  if (inline.length) props.push(['Policies', { kind: 'seq', items: inline, span }]);
  const boundary = prop('PermissionsBoundary');
  if (boundary) props.push(['PermissionsBoundary', boundary]);
  const path = prop('RolePath');
  if (path) props.push(['Path', path]);
  const properties = map(props, span);
  const node = map(
    [
      ['Type', fromPlain('AWS::IAM::Role', span)],
      ['Properties', properties],
    ],
    span,
  );
  return { id: roleId, type: 'AWS::IAM::Role', node, properties, keySpan: span, synthetic: true };
}

function expandTemplate(t: Template, name: string, args: CfnNode, span: Span, where: string): CfnNode {
  const tpl = POLICY_TEMPLATES[name];
  const params: Params = {};
  for (const p of tpl.params) {
    const v = get(args, p);
    if (!v) throw t.error(`SAM policy template ${name} needs parameter ${p}`, args.span, `${where}.${name}`);
    params[p] = t.asString(v, `${where}.${name}.${p}`);
  }
  return fromPlain({ Version: '2012-10-17', Statement: tpl.statements(params, t.account) }, span);
}
