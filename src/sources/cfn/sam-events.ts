// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * Push event sources of `AWS::Serverless::Function`: for each, the SAM transform adds an
 * `AWS::Lambda::Permission` letting the source service invoke the function (so it is part of
 * the function's resource policy), and for Schedule/EventBridge and IoT rule events the rule
 * the permission's SourceArn names. Implicit APIs (`ServerlessRestApi`, `ServerlessHttpApi`) are
 * added when an Api/HttpApi event names none, so their ids resolve.
 * Event source properties: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventsource.html
 * Generated resources: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
 * Lambda permissions (resource-based policy): https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 */
import { createHash } from 'node:crypto';
import { type CfnNode, fromPlain, get } from './node.js';
import { allowOne, map, refId, resource, serviceTrust, str } from './sam-nodes.js';
import type { ResourceDef, Template } from './template.js';

/**
 * What SAM's generated permissions name: with `AutoPublishAlias`, the alias SAM creates
 * (`<Function>Alias<Name>`, the name's letters and digits), else the function.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html#sam-specification-generated-resources-function-autopublishalias
 */
export function samInvokeTarget(t: Template, fn: ResourceDef): string {
  const alias = samAliasName(t, fn);
  return alias === undefined ? fn.id : `${fn.id}Alias${alias.replace(/[^A-Za-z0-9]/g, '')}`;
}

/** The function's AutoPublishAlias (own, else from Globals), when it is a plain name. */
export function samAliasName(t: Template, fn: ResourceDef): string | undefined {
  const own =
    get(fn.properties, 'AutoPublishAlias') ??
    get(get(get(t.root, 'Globals'), 'Function'), 'AutoPublishAlias');
  if (!own) return undefined;
  const v = t.eval(own, `Resources.${fn.id}.Properties.AutoPublishAlias`);
  return v?.kind === 'scalar' && typeof v.value === 'string' && v.value ? v.value : undefined;
}

/** The `AWS::Lambda::Alias` SAM creates for each function with AutoPublishAlias. */
export function samAliases(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  for (const fn of t.resources.values()) {
    if (fn.type !== 'AWS::Serverless::Function' || !t.isCreated(fn)) continue;
    const name = samAliasName(t, fn);
    if (name === undefined) continue;
    const span = fn.keySpan;
    out.push(
      resource(
        samInvokeTarget(t, fn),
        'AWS::Lambda::Alias',
        [
          ['FunctionName', map([['Ref', fromPlain(fn.id, span)]], span)],
          ['Name', fromPlain(name, span)],
        ],
        span,
        fn.condition,
      ),
    );
  }
  return out.filter((r) => !t.resources.has(r.id));
}

/** A state machine's AutoPublishAlias name (a plain string), if any. */
function stateMachineAliasName(sm: ResourceDef): string | undefined {
  return str(get(sm.properties, 'AutoPublishAlias'));
}

/**
 * The logical id event sources of a state machine target: its alias `<Id>Alias<Name>` with
 * `UseAliasAsEventTarget: true` (which needs AutoPublishAlias), else the state machine.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html#sam-statemachine-usealiasaseventtarget
 */
export function stateMachineEventTarget(sm: ResourceDef): string {
  const alias = stateMachineAliasName(sm);
  const use = get(sm.properties, 'UseAliasAsEventTarget');
  return alias !== undefined && use?.kind === 'scalar' && (use.value === true || use.value === 'true')
    ? `${sm.id}Alias${alias}`
    : sm.id;
}

/**
 * The version `<Id>Version` and alias `<Id>Alias<Name>` SAM creates for each state machine with
 * AutoPublishAlias.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-statemachine.html#sam-statemachine-autopublishalias
 */
export function stateMachineAliases(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  for (const sm of t.resources.values()) {
    if (sm.type !== 'AWS::Serverless::StateMachine' || !t.isCreated(sm)) continue;
    const name = stateMachineAliasName(sm);
    if (name === undefined) continue;
    const span = sm.keySpan;
    out.push(
      resource(
        `${sm.id}Version`,
        'AWS::StepFunctions::StateMachineVersion',
        [['StateMachineArn', map([['Ref', fromPlain(sm.id, span)]], span)]],
        span,
        sm.condition,
      ),
      resource(
        `${sm.id}Alias${name}`,
        'AWS::StepFunctions::StateMachineAlias',
        [
          ['Name', fromPlain(name, span)],
          [
            'DeploymentPreference',
            map([['StateMachineVersionArn', map([['Ref', fromPlain(`${sm.id}Version`, span)]], span)]], span),
          ],
        ],
        span,
        sm.condition,
      ),
    );
  }
  return out.filter((r) => !t.resources.has(r.id));
}

/** SAM's Api path: a trailing slash is dropped (API Gateway ignores it). */
const trimPath = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

/**
 * The resources SAM adds for the push event sources of every function: permissions, the rules
 * they name, and the implicit APIs. Only the event properties a permission names are read.
 */
export function pushEventResources(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  let implicitRest = false;
  let implicitHttp = false;
  const httpDefaults = httpDefaultRoutes(t);
  for (const fn of t.resources.values()) {
    if (fn.type !== 'AWS::Serverless::Function' || !t.isCreated(fn)) continue;
    const events = get(fn.properties, 'Events');
    if (events?.kind !== 'map') continue;
    for (const e of events.entries) {
      const type = str(get(e.value, 'Type'));
      const props = get(e.value, 'Properties');
      const span = e.keySpan;
      const id = `${fn.id}${e.key}`;
      const sub = (text: string, vars?: Array<[string, CfnNode]>) =>
        map(
          [
            [
              'Fn::Sub',
              vars
                ? { kind: 'seq', items: [fromPlain(text, span), map(vars, span)], span }
                : fromPlain(text, span),
            ],
          ],
          span,
        );
      const permission = (
        principal: string,
        extra: Array<[string, CfnNode | undefined]>,
        permissionId = `${id}Permission`,
      ) =>
        out.push(
          resource(
            permissionId,
            'AWS::Lambda::Permission',
            [
              ['Action', fromPlain('lambda:InvokeFunction', span)],
              ['FunctionName', map([['Ref', fromPlain(samInvokeTarget(t, fn), span)]], span)],
              ['Principal', fromPlain(principal, span)],
              ...extra,
            ],
            span,
            fn.condition,
          ),
        );
      const arnOf = (ruleId: string) => map([['Fn::GetAtt', fromPlain([ruleId, 'Arn'], span)]], span);
      switch (type) {
        case 'S3':
          permission('s3.amazonaws.com', [
            ['SourceAccount', map([['Ref', fromPlain('AWS::AccountId', span)]], span)],
          ]);
          break;
        case 'SNS': {
          const sqs = get(props, 'SqsSubscription');
          if (!snsToSqs(sqs)) {
            permission('sns.amazonaws.com', [['SourceArn', get(props, 'Topic')]]);
            break;
          }
          // SNS -> SQS -> Lambda: no permission; the queue (SAM's, or the given one) gets a policy
          // letting the topic send, and the function polls it.
          let queueArn: CfnNode | undefined;
          let queueUrl: CfnNode | undefined;
          let policyId = `${id}QueuePolicy`;
          if (sqs?.kind === 'map') {
            queueArn = get(sqs, 'QueueArn');
            queueUrl = get(sqs, 'QueueUrl');
            policyId = str(get(sqs, 'QueuePolicyLogicalId')) ?? policyId;
          } else {
            const topic = t.resources.get(refId(get(props, 'Topic')) ?? '');
            out.push(
              resource(
                `${id}Queue`,
                'AWS::SQS::Queue',
                [['FifoQueue', topic ? get(topic.properties, 'FifoTopic') : undefined]],
                span,
                fn.condition,
              ),
            );
            queueArn = arnOf(`${id}Queue`);
            queueUrl = map([['Ref', fromPlain(`${id}Queue`, span)]], span);
          }
          if (!queueArn || !queueUrl) break;
          t.origins.set(`${policyId}|QueuePolicy`, `SAM SNS event ${e.key}`);
          out.push(
            resource(
              policyId,
              'AWS::SQS::QueuePolicy',
              [
                [
                  'PolicyDocument',
                  map(
                    [
                      ['Version', fromPlain('2012-10-17', span)],
                      [
                        'Statement',
                        {
                          kind: 'seq',
                          items: [
                            map(
                              [
                                ['Action', fromPlain('sqs:SendMessage', span)],
                                ['Effect', fromPlain('Allow', span)],
                                ['Principal', fromPlain('*', span)],
                                ['Resource', queueArn],
                                [
                                  'Condition',
                                  map(
                                    [['ArnEquals', map([['aws:SourceArn', get(props, 'Topic')]], span)]],
                                    span,
                                  ),
                                ],
                              ],
                              span,
                            ),
                          ],
                          span,
                        },
                      ],
                    ],
                    span,
                  ),
                ],
                ['Queues', { kind: 'seq', items: [queueUrl], span }],
              ],
              span,
              fn.condition,
            ),
          );
          break;
        }
        case 'Schedule':
        case 'CloudWatchEvent':
        case 'EventBridgeRule': {
          // Schedule's `Name`, EventBridgeRule's `RuleName` become the rule's Name.
          const name = get(props, type === 'Schedule' ? 'Name' : 'RuleName');
          out.push(
            resource(
              id,
              'AWS::Events::Rule',
              [
                ['Name', name],
                ['EventBusName', get(props, 'EventBusName')],
              ],
              span,
              fn.condition,
            ),
          );
          permission('events.amazonaws.com', [['SourceArn', arnOf(id)]]);
          out.push(...ruleDeadLetterQueue(t, id, props, fn.condition, `SAM ${type} event ${e.key}`));
          break;
        }
        case 'CloudWatchLogs':
          permission('logs.amazonaws.com', [
            [
              'SourceArn',
              sub(
                'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*',
                [['__LogGroupName__', get(props, 'LogGroupName') ?? fromPlain('', span)]],
              ),
            ],
          ]);
          break;
        case 'IoTRule':
          out.push(resource(id, 'AWS::IoT::TopicRule', [], span, fn.condition));
          permission('iot.amazonaws.com', [
            [
              'SourceArn',
              sub('arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}', [
                ['RuleName', map([['Ref', fromPlain(id, span)]], span)],
              ]),
            ],
            ['SourceAccount', sub('${AWS::AccountId}')],
          ]);
          break;
        case 'Cognito':
          permission(
            'cognito-idp.amazonaws.com',
            [
              [
                'SourceArn',
                map(
                  [
                    [
                      'Fn::GetAtt',
                      {
                        kind: 'seq',
                        items: [fromPlain(refId(get(props, 'UserPool')) ?? '', span), fromPlain('Arn', span)],
                        span,
                      },
                    ],
                  ],
                  span,
                ),
              ],
            ],
            `${fn.id}CognitoPermission`,
          );
          break;
        case 'AlexaSkill':
          permission('alexa-appkit.amazon.com', [['EventSourceToken', get(props, 'SkillId')]]);
          break;
        case 'Api': {
          const api = get(props, 'RestApiId');
          if (!api) implicitRest = true;
          // The permission's id ends in the API's stage: Prod for the implicit API, the explicit
          // API's StageName when it is text, "Stage" when it is an intrinsic.
          let suffix = 'Prod';
          const apiId = refId(api);
          if (api) {
            const target = apiId ? t.resources.get(apiId) : undefined;
            if (!target) suffix = 'AllStages';
            else {
              const stage = get(target.properties, 'StageName');
              suffix = str(stage) ?? 'Stage';
            }
          }
          // A stage name that is not alphanumeric (`hoge-fuga`): SAM's LogicalIdGenerator, the
          // first 10 hex digits of the SHA-1 of the name.
          const permissionId = /^[\p{L}\p{N}]+$/u.test(suffix)
            ? `${id}Permission${suffix}`
            : `${id}Permission${createHash('sha1').update(suffix, 'utf8').digest('hex').slice(0, 10)}`;
          const method = str(get(props, 'Method')) ?? '';
          // Path parameters, greedy ones included, match any segment: `*` (SAM's SwaggerEditor).
          const path = trimPath(str(get(props, 'Path')) ?? '').replace(
            /\{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)\}/g,
            '*',
          );
          const m = method.toLowerCase() === 'any' ? '*' : method.toUpperCase();
          permission(
            'apigateway.amazonaws.com',
            [
              [
                'SourceArn',
                sub(
                  `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${m}${path}`,
                  [
                    ['__ApiId__', api ?? map([['Ref', fromPlain('ServerlessRestApi', span)]], span)],
                    ['__Stage__', fromPlain('*', span)],
                  ],
                ),
              ],
            ],
            permissionId,
          );
          break;
        }
        case 'HttpApi': {
          const api = get(props, 'ApiId');
          if (!api) implicitHttp = true;
          // An event without Path and Method is the `$default` route for any method.
          const given = str(get(props, 'Path')) !== undefined || str(get(props, 'Method')) !== undefined;
          const method = given ? (str(get(props, 'Method')) ?? '') : 'x-amazon-apigateway-any-method';
          let path = given ? trimPath(str(get(props, 'Path')) ?? '') : '$default';
          const apiKey = refId(api) ?? 'ServerlessHttpApi';
          if (path === '$default') path = '';
          // The function's `$default` permission already covers its other routes of that API.
          else if (httpDefaults.get(apiKey)?.has(fn.id)) break;
          path = path.replace(/\{([a-zA-Z0-9._-]+|proxy\+)\}/g, '*');
          const any =
            method.toLowerCase() === 'any' || method.toLowerCase() === 'x-amazon-apigateway-any-method';
          // SAM keeps `/$default` as written for method ANY (its issue 1860).
          const tail =
            method.toLowerCase() === 'any' && path === '/$default'
              ? path
              : `/${any ? '*' : method.toUpperCase()}${path}`;
          permission('apigateway.amazonaws.com', [
            [
              'SourceArn',
              sub(
                `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}${tail}`,
                [
                  ['__ApiId__', api ?? map([['Ref', fromPlain('ServerlessHttpApi', span)]], span)],
                  ['__Stage__', fromPlain('*', span)],
                ],
              ),
            ],
          ]);
          break;
        }
      }
    }
  }
  const at = t.root.span;
  if (implicitRest && !t.resources.has('ServerlessRestApi'))
    out.push(
      resource(
        'ServerlessRestApi',
        'AWS::ApiGateway::RestApi',
        [['Name', get(get(get(t.root, 'Globals'), 'Api'), 'Name')]],
        at,
      ),
    );
  if (implicitHttp && !t.resources.has('ServerlessHttpApi'))
    out.push(resource('ServerlessHttpApi', 'AWS::ApiGatewayV2::Api', [], at));
  return out.filter((r) => !t.resources.has(r.id));
}

/**
 * The functions that own the `$default` route (any method) of each HTTP API (by logical id,
 * `ServerlessHttpApi` for the implicit one): through an event without Path and Method (or Path
 * `$default`, any method), or the API's OpenAPI body integrating `${Function.Arn}` there. SAM
 * writes no separate permission for the function's other routes of that API, unless the API is
 * defined by a `DefinitionUri` (SAM cannot read the document then).
 */
function httpDefaultRoutes(t: Template): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  const add = (api: string, fn: string) => owners.set(api, (owners.get(api) ?? new Set()).add(fn));
  const isAny = (m: string | undefined) =>
    m !== undefined && ['any', 'x-amazon-apigateway-any-method'].includes(m.toLowerCase());
  for (const fn of t.resources.values()) {
    if (fn.type !== 'AWS::Serverless::Function' || !t.isCreated(fn)) continue;
    const events = get(fn.properties, 'Events');
    for (const e of events?.kind === 'map' ? events.entries : []) {
      if (str(get(e.value, 'Type')) !== 'HttpApi') continue;
      const props = get(e.value, 'Properties');
      const path = str(get(props, 'Path'));
      const method = str(get(props, 'Method'));
      if ((path === undefined && method === undefined) || (path === '$default' && isAny(method)))
        add(refId(get(props, 'ApiId')) ?? 'ServerlessHttpApi', fn.id);
    }
  }
  for (const api of t.resources.values()) {
    if (api.type !== 'AWS::Serverless::HttpApi') continue;
    const route = get(get(get(api.properties, 'DefinitionBody'), 'paths'), '$default');
    for (const m of route?.kind === 'map' ? route.entries : []) {
      if (!isAny(m.key)) continue;
      const sub = str(get(get(get(m.value, 'x-amazon-apigateway-integration'), 'uri'), 'Fn::Sub'));
      const fnId = sub ? /([A-Za-z0-9]+)\.Arn/.exec(sub)?.[1] : undefined;
      if (fnId) add(api.id, fnId);
    }
  }
  for (const api of t.resources.values())
    if (
      api.type === 'AWS::Serverless::HttpApi' &&
      get(api.properties, 'DefinitionUri') &&
      !get(api.properties, 'DefinitionBody')
    )
      owners.delete(api.id);
  return owners;
}

/** True when an SNS event's `SqsSubscription` routes the topic through a queue (true, or a queue map). */
export function snsToSqs(sqs: CfnNode | undefined): boolean {
  if (!sqs) return false;
  return !(sqs.kind === 'scalar' && (sqs.value === false || String(sqs.value).toLowerCase() === 'false'));
}

/**
 * `DeadLetterConfig` of a Schedule, CloudWatchEvent or EventBridgeRule event with `Type: SQS` (no
 * `Arn`): SAM creates the queue (`QueueLogicalId`, else `<Event>Queue`) and `<Event>QueuePolicy`
 * letting EventBridge send to it for that rule only.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deadletterconfig.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
function ruleDeadLetterQueue(
  t: Template,
  ruleId: string,
  props: CfnNode | undefined,
  condition: string | undefined,
  origin: string,
): ResourceDef[] {
  const dlq = get(props, 'DeadLetterConfig');
  if (!dlq || get(dlq, 'Arn') || str(get(dlq, 'Type')) !== 'SQS') return [];
  const queueId = str(get(dlq, 'QueueLogicalId')) ?? `${ruleId}Queue`;
  const policyId = `${ruleId}QueuePolicy`;
  t.origins.set(`${policyId}|QueuePolicy`, `${origin} dead-letter queue`);
  return [
    resource(queueId, 'AWS::SQS::Queue', [], dlq.span, condition),
    resource(
      policyId,
      'AWS::SQS::QueuePolicy',
      [
        [
          'PolicyDocument',
          fromPlain(
            {
              Version: '2012-10-17',
              Statement: [
                {
                  Action: 'sqs:SendMessage',
                  Effect: 'Allow',
                  Principal: { Service: 'events.amazonaws.com' },
                  Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
                  Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
                },
              ],
            },
            dlq.span,
          ),
        ],
        ['Queues', fromPlain([{ Ref: queueId }], dlq.span)],
      ],
      dlq.span,
      condition,
    ),
  ];
}

/** Event types of `AWS::Serverless::StateMachine` whose source assumes a role SAM creates. */
const STATE_MACHINE_EVENT_PRINCIPALS: Record<string, string> = {
  Schedule: 'events.amazonaws.com',
  CloudWatchEvent: 'events.amazonaws.com',
  EventBridgeRule: 'events.amazonaws.com',
  Api: 'apigateway.amazonaws.com',
};

/**
 * Event sources of `AWS::Serverless::StateMachine`: unless the event names a `RoleArn`, SAM
 * creates `<StateMachine><Event>Role`, trusted by the source service (EventBridge or API
 * Gateway), allowed `states:StartExecution` on the state machine, with the state machine's
 * PermissionsBoundary.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-statemachine-statemachineeventsource.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-statemachine.html
 */
export function stateMachineEventRoles(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  for (const sm of t.resources.values()) {
    if (sm.type !== 'AWS::Serverless::StateMachine' || !t.isCreated(sm)) continue;
    const events = get(sm.properties, 'Events');
    if (events?.kind !== 'map') continue;
    for (const e of events.entries) {
      const type = str(get(e.value, 'Type')) ?? '';
      const principal = STATE_MACHINE_EVENT_PRINCIPALS[type];
      const props = get(e.value, 'Properties');
      if (type === 'Schedule' || type === 'CloudWatchEvent' || type === 'EventBridgeRule') {
        const ruleId = `${sm.id}${e.key}`;
        const dlq = ruleDeadLetterQueue(t, ruleId, props, sm.condition, `SAM ${type} event ${e.key}`);
        // The rule SAM creates, for the queue policy's aws:SourceArn.
        if (dlq.length)
          out.push(
            resource(
              ruleId,
              'AWS::Events::Rule',
              [
                ['Name', get(props, type === 'Schedule' ? 'Name' : 'RuleName')],
                ['EventBusName', get(props, 'EventBusName')],
              ],
              e.keySpan,
              sm.condition,
            ),
            ...dlq,
          );
      }
      if (
        !principal ||
        (e.value.kind === 'map' && get(props, 'RoleArn') && str(get(e.value, 'Type')) !== 'Api')
      )
        continue;
      const span = e.keySpan;
      const roleId = `${sm.id}${e.key}Role`;
      const policyName = `${roleId}StartExecutionPolicy`;
      const statement = map(
        [
          ['Action', fromPlain('states:StartExecution', span)],
          ['Effect', fromPlain('Allow', span)],
          ['Resource', map([['Ref', fromPlain(stateMachineEventTarget(sm), span)]], span)],
        ],
        span,
      );
      t.origins.set(`${roleId}|${policyName}`, `SAM state machine event ${e.key}`);
      out.push(
        resource(
          roleId,
          'AWS::IAM::Role',
          [
            ['AssumeRolePolicyDocument', serviceTrust(principal, span)],
            [
              'Policies',
              {
                kind: 'seq',
                items: [
                  map(
                    [
                      ['PolicyName', fromPlain(policyName, span)],
                      [
                        'PolicyDocument',
                        map([['Statement', { kind: 'seq', items: [statement], span }]], span),
                      ],
                    ],
                    span,
                  ),
                ],
                span,
              },
            ],
            ['PermissionsBoundary', get(sm.properties, 'PermissionsBoundary')],
          ],
          span,
          sm.condition,
        ),
      );
    }
  }
  return out.filter((r) => !t.resources.has(r.id));
}

/**
 * `ScheduleV2` events (EventBridge Scheduler) of functions and state machines: unless the event
 * names a `RoleArn`, SAM creates `<Resource><Event>Role`, trusted by `scheduler.amazonaws.com`,
 * allowed to invoke the function (`<Resource><Event>LambdaPolicy`, lambda:InvokeFunction) or start
 * the state machine (`<Resource><Event>StartExecutionPolicy`), plus sqs:SendMessage on the
 * dead-letter queue (`<Resource><Event>SQSPolicy`), with the event's PermissionsBoundary.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-schedulev2.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-statemachine-statemachineschedulev2.html
 */
export function scheduleV2Roles(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  for (const r of t.resources.values()) {
    const isFunction = r.type === 'AWS::Serverless::Function';
    if ((!isFunction && r.type !== 'AWS::Serverless::StateMachine') || !t.isCreated(r)) continue;
    const events = get(r.properties, 'Events');
    if (events?.kind !== 'map') continue;
    for (const e of events.entries) {
      if (str(get(e.value, 'Type')) !== 'ScheduleV2') continue;
      const props = get(e.value, 'Properties');
      if (get(props, 'RoleArn')) continue;
      const span = e.keySpan;
      const id = `${r.id}${e.key}`;
      const roleId = `${id}Role`;
      const target = isFunction
        ? samAliasName(t, r) === undefined
          ? map([['Fn::GetAtt', fromPlain([r.id, 'Arn'], span)]], span)
          : map([['Ref', fromPlain(samInvokeTarget(t, r), span)]], span)
        : map([['Ref', fromPlain(stateMachineEventTarget(r), span)]], span);
      const policy = (name: string, action: string, resource: CfnNode) => {
        t.origins.set(`${roleId}|${name}`, `SAM ScheduleV2 event ${e.key}`);
        return map(
          [
            ['PolicyName', fromPlain(name, span)],
            ['PolicyDocument', map([['Statement', allowOne(action, resource, span)]], span)],
          ],
          span,
        );
      };
      const policies = [
        isFunction
          ? policy(`${id}LambdaPolicy`, 'lambda:InvokeFunction', target)
          : policy(`${id}StartExecutionPolicy`, 'states:StartExecution', target),
      ];
      // Dead-letter queue: the given Arn, else the queue SAM creates (<Resource><Event>Queue).
      const dlq = get(props, 'DeadLetterConfig');
      if (dlq) {
        const arn = get(dlq, 'Arn') ?? map([['Fn::GetAtt', fromPlain([`${id}Queue`, 'Arn'], span)]], span);
        if (!get(dlq, 'Arn') && !t.resources.has(`${id}Queue`))
          out.push(resource(`${id}Queue`, 'AWS::SQS::Queue', [], span, r.condition));
        policies.push(policy(`${id}SQSPolicy`, 'sqs:SendMessage', arn));
      }
      out.push(
        resource(
          roleId,
          'AWS::IAM::Role',
          [
            ['AssumeRolePolicyDocument', serviceTrust('scheduler.amazonaws.com', span)],
            ['Policies', { kind: 'seq', items: policies, span }],
            ['PermissionsBoundary', get(props, 'PermissionsBoundary')],
          ],
          span,
          r.condition,
        ),
      );
    }
  }
  return out.filter((x) => !t.resources.has(x.id));
}
