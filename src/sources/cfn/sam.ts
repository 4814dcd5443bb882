// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * The part of the SAM transform that creates IAM policies: the implicit execution role of
 * `AWS::Serverless::Function` (and `AWS::Serverless::StateMachine`) with its `Policies`
 * (AWS managed policy names or ARNs, inline documents and SAM policy templates).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html#sam-function-policies
 * Policy templates: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html
 * Generated role: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../policy/location.js';
import { type CfnNode, fromPlain, get, toPlain } from './node.js';
import { authorizerPermissions, samApiResourcePolicies, webSocketPermissions } from './sam-api.js';
import { connectorResources } from './sam-connectors.js';
import {
  pushEventResources,
  samAliases,
  samInvokeTarget,
  scheduleV2Roles,
  snsToSqs,
  stateMachineAliases,
  stateMachineEventRoles,
} from './sam-events.js';
import { graphqlResources } from './sam-graphql.js';
import { allowOne, map, resource, serviceTrust } from './sam-nodes.js';
import { pullEventPolicies } from './sam-pull.js';
import type { ResourceDef, Template } from './template.js';

/**
 * SAM's policy templates, as SAM publishes them (data/sam/policy_templates.json, from
 * aws/serverless-application-model's samtranslator/policy_templates_data, Apache-2.0): each a
 * policy `Definition` whose `Ref`s to its `Parameters` are replaced by the values the template
 * gives, then evaluated like any other template value.
 */
interface SamPolicyTemplate {
  Definition: unknown;
  Parameters: Record<string, unknown>;
  Description?: string;
}

let policyTemplates: Record<string, SamPolicyTemplate> | undefined;

/** SAM's published policy templates, by name (read on first use). */
export function samPolicyTemplates(): Record<string, SamPolicyTemplate> {
  if (!policyTemplates) {
    const url = new URL('../../../data/sam/policy_templates.json', import.meta.url);
    const data = JSON.parse(readFileSync(url, 'utf8')) as { Templates: Record<string, SamPolicyTemplate> };
    policyTemplates = data.Templates;
  }
  return policyTemplates;
}

/** Names some users write for SAM templates (not SAM's own; kept for templates written against them). */
const TEMPLATE_ALIASES: Record<string, string> = {
  SecretsManagerGetSecretValuePolicy: 'AWSSecretsManagerGetSecretValuePolicy',
};

function templateNamed(name: string): SamPolicyTemplate | undefined {
  const all = samPolicyTemplates();
  const real = Object.hasOwn(all, name) ? name : TEMPLATE_ALIASES[name];
  return real ? all[real] : undefined;
}

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

/**
 * Adds the roles the SAM transform would create (`<LogicalId>Role`) to the template's resources.
 * Policies are resolved here (their intrinsic functions evaluated), so the role carries plain
 * documents whose spans point at the function's `Policies` entries.
 */
export function expandSam(t: Template, options: SamOptions = {}): void {
  if (!t.isSam) return;
  // `Globals: Api: Name` names every AWS::Serverless::Api that sets none (and the implicit API).
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
  const globalApiName = get(get(get(t.root, 'Globals'), 'Api'), 'Name');
  for (const r of t.resources.values()) {
    if (!globalApiName || r.type !== 'AWS::Serverless::Api' || get(r.properties, 'Name')) continue;
    const own =
      r.properties?.kind === 'map'
        ? r.properties.entries.map((e): [string, CfnNode] => [e.key, e.value])
        : [];
    r.properties = map([...own, ['Name', globalApiName]], r.properties?.span ?? r.keySpan);
  }
  const added: ResourceDef[] = [];
  for (const r of t.resources.values()) {
    if (r.type !== 'AWS::Serverless::Function' && r.type !== 'AWS::Serverless::StateMachine') continue;
    if (options.excludeResourceTypes?.includes(r.type)) continue;
    if (!t.isCreated(r)) continue;
    if (t.property(r, 'Role') !== undefined) continue;
    const roleId = `${r.id}Role`;
    if (t.resources.has(roleId)) continue;
    added.push(implicitRole(t, r, roleId, options, added));
  }
  for (const r of t.resources.values()) {
    if (r.type !== 'AWS::Serverless::Function' || !t.isCreated(r)) continue;
    added.push(...urlPermissions(t, r));
  }
  added.push(
    ...samAliases(t),
    ...stateMachineAliases(t),
    ...pushEventResources(t),
    ...stateMachineEventRoles(t),
    ...scheduleV2Roles(t),
  );
  added.push(...capacityProviderRoles(t));
  const codeDeploy = codeDeployRole(t, options);
  if (codeDeploy) added.push(codeDeploy);
  for (const a of added) t.resources.set(a.id, a);
  for (const p of [...authorizerPermissions(t), ...webSocketPermissions(t)]) t.resources.set(p.id, p);
  samApiResourcePolicies(t);
  for (const g of graphqlResources(t)) t.resources.set(g.id, g);
  for (const c of connectorResources(t)) t.resources.set(c.id, c);
}

/**
 * `FunctionUrlConfig` with `AuthType: NONE`: SAM adds a permission letting everyone
 * (`Principal: "*"`) call the URL, so the function's resource policy is public.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functionurlconfig.html
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
 */
function urlPermissions(t: Template, fn: ResourceDef): ResourceDef[] {
  const cfg =
    get(fn.properties, 'FunctionUrlConfig') ??
    get(get(get(t.root, 'Globals'), 'Function'), 'FunctionUrlConfig');
  if (!cfg || !t.hasValue(cfg, `Resources.${fn.id}.Properties.FunctionUrlConfig`)) return [];
  // SAM compares AuthType as written: an intrinsic (even one that resolves to NONE) gets no
  // public permission, so the deployed URL's resource policy grants no one.
  const raw = get(cfg, 'AuthType');
  if (raw?.kind === 'map') {
    t.warn(
      'FunctionUrlConfig.AuthType is an intrinsic function: SAM adds no public permission for it, so the URL is not publicly invocable even if it resolves to NONE',
      raw.span,
      `Resources.${fn.id}.Properties.FunctionUrlConfig.AuthType`,
      'note',
    );
    return [];
  }
  const auth = t.eval(
    get(cfg, 'AuthType') ?? fromPlain('AWS_IAM', cfg.span),
    `Resources.${fn.id}.Properties.FunctionUrlConfig.AuthType`,
  );
  if (!auth || toPlain(auth) !== 'NONE') return [];
  const span = cfg.span;
  // Since October 2025 a public URL needs both lambda:InvokeFunctionUrl (auth type NONE) and
  // lambda:InvokeFunction through the URL; SAM adds both.
  const permission = (id: string, action: string, extra: [string, CfnNode]): ResourceDef => {
    const properties = map(
      [
        ['Action', fromPlain(action, span)],
        ['FunctionName', map([['Ref', fromPlain(samInvokeTarget(t, fn), span)]], span)],
        ['Principal', fromPlain('*', span)],
        extra,
      ],
      span,
    );
    const node = map(
      [
        ['Type', fromPlain('AWS::Lambda::Permission', span)],
        ['Properties', properties],
      ],
      span,
    );
    return { id, type: 'AWS::Lambda::Permission', node, properties, keySpan: span, synthetic: true };
  };
  return [
    permission(`${fn.id}UrlPublicPermissions`, 'lambda:InvokeFunctionUrl', [
      'FunctionUrlAuthType',
      fromPlain('NONE', span),
    ]),
    permission(`${fn.id}URLInvokeAllowPublicAccess`, 'lambda:InvokeFunction', [
      'InvokedViaFunctionUrl',
      fromPlain(true, span),
    ]),
  ].filter((p) => !t.resources.has(p.id));
}

/**
 * `AWS::Serverless::CapacityProvider` without `OperatorRole` (own or from `Globals:
 * CapacityProvider:`): SAM creates `<Id>OperatorRole`, trusted by Lambda, with the
 * AWSLambdaManagedEC2ResourceOperator managed policy (Lambda manages the provider's EC2 instances).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-capacityprovider.html
 */
function capacityProviderRoles(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  const global = get(get(get(t.root, 'Globals'), 'CapacityProvider'), 'OperatorRole');
  for (const r of t.resources.values()) {
    if (r.type !== 'AWS::Serverless::CapacityProvider' || !t.isCreated(r)) continue;
    if (get(r.properties, 'OperatorRole') ?? global) continue;
    const id = `${r.id}OperatorRole`;
    if (t.resources.has(id)) continue;
    const span = r.keySpan;
    out.push(
      resource(
        id,
        'AWS::IAM::Role',
        [
          ['AssumeRolePolicyDocument', serviceTrust('lambda.amazonaws.com', span)],
          [
            'ManagedPolicyArns',
            fromPlain(
              [`arn:${t.account.partition}:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator`],
              span,
            ),
          ],
        ],
        span,
        r.condition,
      ),
    );
  }
  return out;
}

/**
 * `DeploymentPreference` (gradual deployments through CodeDeploy): unless every enabled
 * preference names its own `Role`, SAM adds `CodeDeployServiceRole`, trusted by CodeDeploy, with
 * the AWSCodeDeployRoleForLambda managed policy.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deploymentpreference.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html
 */
function codeDeployRole(t: Template, options: SamOptions): ResourceDef | undefined {
  if (t.resources.has('CodeDeployServiceRole')) return undefined;
  const globalPref = get(get(get(t.root, 'Globals'), 'Function'), 'DeploymentPreference');
  let span: Span | undefined;
  for (const r of t.resources.values()) {
    if (r.type !== 'AWS::Serverless::Function' || !t.isCreated(r)) continue;
    const pref = get(r.properties, 'DeploymentPreference') ?? globalPref;
    if (pref?.kind !== 'map') continue;
    const enabled = get(pref, 'Enabled') ?? get(globalPref, 'Enabled');
    if (enabled?.kind === 'scalar' && (enabled.value === false || enabled.value === 'false')) continue;
    if (get(pref, 'Role') ?? get(globalPref, 'Role')) continue;
    span = pref.span;
    break;
  }
  if (!span) return undefined;
  const partition = t.account.partition;
  const arn =
    options.managedPolicyArn?.('service-role/AWSCodeDeployRoleForLambda', partition) ??
    `arn:${partition}:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda`;
  const properties = map(
    [
      ['AssumeRolePolicyDocument', serviceTrust('codedeploy.amazonaws.com', span)],
      ['ManagedPolicyArns', fromPlain([arn], span)],
    ],
    span,
  );
  const node = map(
    [
      ['Type', fromPlain('AWS::IAM::Role', span)],
      ['Properties', properties],
    ],
    span,
  );
  return {
    id: 'CodeDeployServiceRole',
    type: 'AWS::IAM::Role',
    node,
    properties,
    keySpan: span,
    synthetic: true,
  };
}

/**
 * `EventInvokeConfig` destinations: SAM lets the function's role reach each OnSuccess/OnFailure
 * destination (`<Function>EventInvokeConfig<OnSuccess|OnFailure><SQS|SNS|EventBridge|Lambda|S3>Policy`),
 * creating the queue or topic (`...Queue`, `...Topic`) when an SQS/SNS destination names none.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventinvokeconfiguration.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventinvokedestinationconfiguration.html
 */
function eventInvokePolicies(
  t: Template,
  fn: ResourceDef,
  roleId: string,
  config: CfnNode | undefined,
  extra: ResourceDef[],
): CfnNode[] {
  const out: CfnNode[] = [];
  const dest = get(config, 'DestinationConfig');
  for (const event of ['OnSuccess', 'OnFailure']) {
    const c = get(dest, event);
    const type = c ? toPlain(c) : undefined;
    const kind = type && typeof type === 'object' ? (type as { Type?: unknown }).Type : undefined;
    if (typeof kind !== 'string') continue;
    const span = c!.span;
    const id = `${fn.id}EventInvokeConfig${event}`;
    let target = get(c, 'Destination');
    if (!target) {
      if (kind !== 'SQS' && kind !== 'SNS') continue;
      const created = `${id}${kind === 'SQS' ? 'Queue' : 'Topic'}`;
      const properties = map([], span);
      const rtype = kind === 'SQS' ? 'AWS::SQS::Queue' : 'AWS::SNS::Topic';
      if (!t.resources.has(created))
        extra.push({
          id: created,
          type: rtype,
          node: map(
            [
              ['Type', fromPlain(rtype, span)],
              ['Properties', properties],
            ],
            span,
          ),
          properties,
          keySpan: span,
          synthetic: true,
          ...(fn.condition ? { condition: fn.condition } : {}),
        });
      target =
        kind === 'SQS'
          ? map([['Fn::GetAtt', fromPlain([created, 'Arn'], span)]], span)
          : map([['Ref', fromPlain(created, span)]], span);
    }
    const statements: Record<string, Array<[string, CfnNode]>> = {
      SQS: [['sqs:SendMessage', target]],
      SNS: [['sns:publish', target]],
      EventBridge: [['events:PutEvents', target]],
      Lambda: [['lambda:InvokeFunction', target]],
      S3Bucket: [
        [
          's3:PutObject',
          map(
            [
              [
                'Fn::Join',
                {
                  kind: 'seq',
                  items: [fromPlain('/', span), { kind: 'seq', items: [target, fromPlain('*', span)], span }],
                  span,
                },
              ],
            ],
            span,
          ),
        ],
        ['s3:ListBucket', target],
      ],
    };
    const suffix = { SQS: 'SQS', SNS: 'SNS', EventBridge: 'EventBridge', Lambda: 'Lambda', S3Bucket: 'S3' }[
      kind
    ];
    const list = statements[kind];
    if (!list || !suffix) continue;
    const name = `${id}${suffix}Policy`;
    const doc = map(
      [
        [
          'Statement',
          {
            kind: 'seq',
            items: list.map(([action, resource]) =>
              map(
                [
                  ['Action', fromPlain(action, span)],
                  ['Effect', fromPlain('Allow', span)],
                  ['Resource', resource],
                ],
                span,
              ),
            ),
            span,
          },
        ],
      ],
      span,
    );
    t.origins.set(`${roleId}|${name}`, `SAM EventInvokeConfig ${event}`);
    out.push(
      map(
        [
          ['PolicyName', fromPlain(name, span)],
          ['PolicyDocument', doc],
        ],
        span,
      ),
    );
  }
  return out;
}

function implicitRole(
  t: Template,
  fn: ResourceDef,
  roleId: string,
  options: SamOptions,
  extra: ResourceDef[] = [],
): ResourceDef {
  const span = fn.keySpan;
  const a = t.account;
  const where = `Resources.${fn.id}.Properties.Policies`;
  const isFunction = fn.type === 'AWS::Serverless::Function';
  const service = isFunction ? 'lambda.amazonaws.com' : 'states.amazonaws.com';
  const trust = serviceTrust(service, span);
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
  // SAM's X-Ray policy: the older name in the aws partition, AWSXRayDaemonWriteAccess elsewhere.
  const xray = a.partition === 'aws' ? 'AWSXrayWriteOnlyAccess' : 'AWSXRayDaemonWriteAccess';
  if (isFunction) {
    // With DurableConfig (from the function or Globals) SAM attaches the durable variant instead.
    const durable =
      get(fn.properties, 'DurableConfig') ?? get(get(get(t.root, 'Globals'), 'Function'), 'DurableConfig');
    managed.push(
      fromPlain(
        managedArn(
          durable && t.hasValue(durable, `Resources.${fn.id}.Properties.DurableConfig`)
            ? 'service-role/AWSLambdaBasicDurableExecutionRolePolicy'
            : 'service-role/AWSLambdaBasicExecutionRole',
        ),
        span,
      ),
    );
    // Any Tracing other than Disabled (Active, PassThrough) adds the X-Ray policy.
    const tracing = prop('Tracing');
    if (tracing && toPlain(tracing) !== 'Disabled') managed.push(fromPlain(managedArn(xray), span));
    // Presence only: the VPC's subnets and security groups never reach a policy.
    const vpc = get(fn.properties, 'VpcConfig') ?? get(get(get(t.root, 'Globals'), 'Function'), 'VpcConfig');
    if (t.hasValue(vpc, `Resources.${fn.id}.Properties.VpcConfig`)) {
      managed.push(fromPlain(managedArn('service-role/AWSLambdaVPCAccessExecutionRole'), span));
    }
    // Poll-based event sources: SAM attaches the matching execution-role managed policy.
    // Only each event's Type is read: its other properties (queues, brokers, streams) are not
    // evaluated unless a policy needs them.
    const events = get(fn.properties, 'Events');
    const added = new Set<string>();
    for (const e of events?.kind === 'map' ? events.entries : []) {
      const type = get(e.value, 'Type');
      // An SNS event with SqsSubscription polls the queue SAM puts between topic and function.
      const kind =
        type?.kind === 'scalar' &&
        type.value === 'SNS' &&
        snsToSqs(get(get(e.value, 'Properties'), 'SqsSubscription'))
          ? 'SQS'
          : type?.kind === 'scalar'
            ? String(type.value)
            : '';
      const policy = EVENT_POLICIES[kind];
      if (policy && !added.has(policy)) {
        added.add(policy);
        managed.push(fromPlain(managedArn(policy), e.keySpan));
      }
    }
  }
  if (!isFunction) {
    // A state machine with `Tracing: {Enabled: true}` gets the X-Ray policy too.
    const enabled = get(get(fn.properties, 'Tracing'), 'Enabled');
    if (enabled?.kind === 'scalar' && enabled.value === true) managed.push(fromPlain(managedArn(xray), span));
  }
  const inline: CfnNode[] = [];
  const policies = t.property(fn, 'Policies');
  const items = policies === undefined ? [] : policies.kind === 'seq' ? policies.items : [policies];
  // Inline policies are numbered by their position in Policies (managed entries count too).
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
    else if (item.entries.length === 1 && templateNamed(item.entries[0].key)) {
      doc = expandTemplate(t, item.entries[0].key, item.entries[0].value, item.span, iw);
      t.origins.set(`${roleId}|${fn.id}RolePolicy${i}`, `SAM policy template ${item.entries[0].key}`);
    } else {
      const name = item.entries[0]?.key ?? '{}';
      throw t.error(`unknown SAM policy template "${name}"`, item.span, iw);
    }
    inline.push(
      map(
        [
          ['PolicyName', fromPlain(`${fn.id}RolePolicy${i}`, item.span)],
          ['PolicyDocument', doc],
        ],
        item.span,
      ),
    );
  });
  if (isFunction) {
    // DeadLetterQueue: SAM lets the role send to the queue or topic.
    // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deadletterqueue.html
    const dlq = prop('DeadLetterQueue');
    const dlqType = get(dlq, 'Type');
    const action =
      dlqType?.kind === 'scalar'
        ? { SQS: 'sqs:SendMessage', SNS: 'sns:Publish' }[String(dlqType.value)]
        : undefined;
    const target = get(dlq, 'TargetArn');
    if (dlq && action && target) {
      const span = dlq.span;
      const doc = map(
        [
          ['Version', fromPlain('2012-10-17', span)],
          ['Statement', allowOne(action, target, span)],
        ],
        span,
      );
      t.origins.set(`${roleId}|DeadLetterQueuePolicy`, 'SAM DeadLetterQueue');
      inline.push(
        map(
          [
            ['PolicyName', fromPlain('DeadLetterQueuePolicy', span)],
            ['PolicyDocument', doc],
          ],
          span,
        ),
      );
    }
    inline.push(...pullEventPolicies(t, fn, roleId));
    inline.push(...eventInvokePolicies(t, fn, roleId, prop('EventInvokeConfig'), extra));
  }
  const props: Array<[string, CfnNode]> = [['AssumeRolePolicyDocument', trust]];
  // A managed policy listed twice (e.g. the X-Ray policy in Policies and from Tracing) is attached once.
  const unique = managed.filter(
    (m, i) => managed.findIndex((n) => JSON.stringify(toPlain(n)) === JSON.stringify(toPlain(m))) === i,
  );
  if (unique.length) props.push(['ManagedPolicyArns', { kind: 'seq', items: unique, span }]);
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
  const tpl = templateNamed(name)!;
  const given = new Map<string, CfnNode>();
  for (const p of Object.keys(tpl.Parameters)) {
    const v = get(args, p);
    if (!v) throw t.error(`SAM policy template ${name} needs parameter ${p}`, args.span, `${where}.${name}`);
    given.set(p, v);
  }
  // The template's Refs to its parameters become the values given; everything else (Fn::Sub,
  // pseudo parameters) is evaluated as template text, located at the Policies entry.
  const fill = (n: CfnNode): CfnNode => {
    if (n.kind === 'seq') return { ...n, items: n.items.map(fill) };
    if (n.kind !== 'map') return n;
    const ref = n.entries.length === 1 && n.entries[0].key === 'Ref' ? n.entries[0].value : undefined;
    if (ref?.kind === 'scalar' && typeof ref.value === 'string' && given.has(ref.value)) {
      return given.get(ref.value)!;
    }
    return { ...n, entries: n.entries.map((e) => ({ ...e, value: fill(e.value) })) };
  };
  const definition = fill(fromPlain(tpl.Definition, span));
  const doc = t.eval(definition, `${where}.${name}`);
  if (doc?.kind !== 'map')
    throw t.error(`SAM policy template ${name} did not expand to a policy`, span, where);
  return doc;
}
