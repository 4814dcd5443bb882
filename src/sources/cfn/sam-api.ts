// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * Resource policies of `AWS::Serverless::Api`: SAM turns the API into an
 * `AWS::ApiGateway::RestApi`, passing its `Policy` through and writing `Auth.ResourcePolicy`
 * (accounts, IP ranges, VPCs and endpoints allowed or denied, custom statements) into the
 * OpenAPI body as `x-amazon-apigateway-policy`, one set of statements per path of the API.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-resourcepolicystatement.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-policy.html
 * HTTP APIs (`AWS::Serverless::HttpApi`) have no resource policy:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html
 */
import type { Span } from '../../policy/location.js';
import { type CfnMap, type CfnNode, fromPlain, get, toPlain } from './node.js';
import { map, refId, resource, str } from './sam-nodes.js';
import type { ResourceDef, Template } from './template.js';

const seq = (items: CfnNode[], span: Span): CfnNode => ({ kind: 'seq', items, span });

/** The keys of a map, and of both branches of an `Fn::If` (SAM's conditional path items). */
function keysOf(n: CfnNode | undefined): string[] {
  if (n?.kind !== 'map') return [];
  const cond = get(n, 'Fn::If');
  if (n.entries.length === 1 && cond?.kind === 'seq') return cond.items.slice(1).flatMap(keysOf);
  return n.entries.map((e) => e.key);
}

/** Maps merged key by key, the second's entries winning (SAM's Globals merge of maps). */
function merge(base: CfnNode | undefined, own: CfnNode | undefined): CfnNode | undefined {
  if (base?.kind !== 'map' || own?.kind !== 'map') return own ?? base;
  const entries = base.entries.filter((e) => !get(own, e.key)).concat(own.entries);
  return { ...own, entries: entries.map((e) => ({ ...e, value: merge(get(base, e.key), e.value)! })) };
}

const same = (a: CfnNode, b: CfnNode) => JSON.stringify(toPlain(a)) === JSON.stringify(toPlain(b));

/** The statements SAM writes for one ResourcePolicy, in SAM's order and shape (one statement or a list). */
class PolicyBuilder {
  statement: CfnNode | CfnNode[] | undefined;
  constructor(private readonly span: Span) {}
  private list(): CfnNode[] {
    const s = this.statement;
    return s === undefined ? [] : Array.isArray(s) ? s : s.kind === 'seq' ? [...s.items] : [s];
  }
  private stmt(effect: string, resources: CfnNode[], principal: CfnNode, condition?: CfnNode): CfnNode {
    const span = this.span;
    return map(
      [
        ['Effect', fromPlain(effect, span)],
        ['Action', fromPlain('execute-api:Invoke', span)],
        ['Resource', seq(resources, span)],
        ['Principal', principal],
        ['Condition', condition],
      ],
      span,
    );
  }
  /** AwsAccountWhitelist / AwsAccountBlacklist: one statement naming the accounts. */
  accounts(list: CfnNode | undefined, effect: 'Allow' | 'Deny', resources: CfnNode[]): void {
    if (!list || (list.kind === 'seq' && list.items.length === 0)) return;
    const s = this.stmt(effect, resources, map([['AWS', list]], this.span));
    this.statement = this.statement === undefined ? s : [...this.list(), s];
  }
  /** Everyone allowed, then denied under the condition (IP ranges, VPCs). */
  allowDeny(operator: string, condition: CfnNode, resources: CfnNode[]): void {
    const allow = this.stmt('Allow', resources, fromPlain('*', this.span));
    const deny = this.stmt(
      'Deny',
      resources,
      fromPlain('*', this.span),
      map([[operator, condition]], this.span),
    );
    if (this.statement === undefined) {
      this.statement = [allow, deny];
      return;
    }
    const all = this.list();
    for (const s of [allow, deny]) if (!all.some((x) => same(x, s))) all.push(s);
    this.statement = all;
  }
  custom(statements: CfnNode): void {
    if (this.statement === undefined) {
      this.statement = statements;
      return;
    }
    const all = this.list();
    const more = statements.kind === 'seq' ? statements.items : [statements];
    for (const s of more) if (!all.some((x) => same(x, s))) all.push(s);
    this.statement = all;
  }
}

/** A list property of ResourcePolicy as nodes (a single value counts as a one-element list). */
const items = (n: CfnNode | undefined): CfnNode[] | undefined =>
  n === undefined ? undefined : n.kind === 'seq' ? n.items : [n];

/** Adds the per-path statements of one ResourcePolicy (SAM's add_resource_policy). */
function addPathStatements(
  t: Template,
  b: PolicyBuilder,
  rp: CfnNode,
  resources: CfnNode[],
  span: Span,
): void {
  b.accounts(get(rp, 'AwsAccountWhitelist'), 'Allow', resources);
  b.accounts(get(rp, 'AwsAccountBlacklist'), 'Deny', resources);
  for (const [key, operator] of [
    ['IpRangeWhitelist', 'NotIpAddress'],
    ['IpRangeBlacklist', 'IpAddress'],
  ] as const) {
    const ips = items(get(rp, key));
    if (ips?.length) b.allowDeny(operator, map([['aws:SourceIp', seq(ips, span)]], span), resources);
  }
  for (const [suffix, operator] of [
    ['Blacklist', 'StringEquals'],
    ['Whitelist', 'StringNotEquals'],
  ] as const) {
    const vpc: CfnNode[] = [];
    const vpce: CfnNode[] = [];
    // SAM resolves parameter references in these lists before reading the prefixes.
    const where = `Auth.ResourcePolicy.SourceVpc${suffix}`;
    for (const raw of items(get(rp, `SourceVpc${suffix}`)) ?? []) {
      const e = t.eval(raw, where);
      if (!e) continue;
      const s = str(e) ?? '';
      if (s.startsWith('vpce-')) vpce.push(e);
      else if (s.startsWith('vpc-')) vpc.push(e);
    }
    vpc.push(...(items(get(rp, `IntrinsicVpc${suffix}`)) ?? []));
    vpce.push(...(items(get(rp, `IntrinsicVpce${suffix}`)) ?? []));
    if (!vpc.length && !vpce.length) continue;
    const cond = map(
      [
        ['aws:SourceVpc', vpc.length ? seq(vpc, span) : undefined],
        ['aws:SourceVpce', vpce.length ? seq(vpce, span) : undefined],
      ],
      span,
    );
    b.allowDeny(operator, cond, resources);
  }
}

interface Route {
  path: string;
  method: string;
  /** The event's own Auth.ResourcePolicy. */
  policy?: CfnNode;
}

/**
 * Replaces each `AWS::Serverless::Api` that has a `Policy` or `Auth.ResourcePolicy` (own or from
 * `Globals: Api:`), and the implicit `ServerlessRestApi`, by the `AWS::ApiGateway::RestApi` SAM
 * generates: its `Name`, `Policy` and a body holding only `x-amazon-apigateway-policy`.
 */
export function samApiResourcePolicies(t: Template): void {
  const globalApi = get(get(t.root, 'Globals'), 'Api');
  // The routes of each API: Api events of functions and state machines (RestApiId, else the implicit API).
  const routes = new Map<string, Route[]>();
  for (const r of t.resources.values()) {
    if (r.type !== 'AWS::Serverless::Function' && r.type !== 'AWS::Serverless::StateMachine') continue;
    if (!t.isCreated(r)) continue;
    const events = get(r.properties, 'Events');
    for (const e of events?.kind === 'map' ? events.entries : []) {
      if (str(get(e.value, 'Type')) !== 'Api') continue;
      const props = get(e.value, 'Properties');
      const api = get(props, 'RestApiId');
      const id = api ? refId(api) : 'ServerlessRestApi';
      const path = str(get(props, 'Path'));
      const method = str(get(props, 'Method'));
      if (!id || path === undefined || method === undefined) continue;
      const list = routes.get(id) ?? [];
      list.push({ path, method, policy: get(get(props, 'Auth'), 'ResourcePolicy') });
      routes.set(id, list);
    }
  }
  // State machine Api events without RestApiId also use the implicit API.
  if (routes.has('ServerlessRestApi') && !t.resources.has('ServerlessRestApi')) {
    const span = t.root.span;
    const properties = map([], span);
    const node = map(
      [
        ['Type', fromPlain('AWS::ApiGateway::RestApi', span)],
        ['Properties', properties],
      ],
      span,
    );
    t.resources.set('ServerlessRestApi', {
      id: 'ServerlessRestApi',
      type: 'AWS::ApiGateway::RestApi',
      node,
      properties,
      keySpan: span,
      synthetic: true,
    });
  }
  for (const [id, r] of [...t.resources]) {
    const implicit = id === 'ServerlessRestApi' && r.synthetic && r.type === 'AWS::ApiGateway::RestApi';
    if (r.type !== 'AWS::Serverless::Api' && !implicit) continue;
    if (!t.isCreated(r)) continue;
    const span = r.keySpan;
    const auth = merge(get(globalApi, 'Auth'), get(r.properties, 'Auth'));
    const rp = get(auth, 'ResourcePolicy');
    const policy = get(r.properties, 'Policy');
    const body = get(r.properties, 'DefinitionBody');
    const eventRoutes = routes.get(id) ?? [];
    const written = get(body, 'x-amazon-apigateway-policy');
    if (!rp && !policy && !written && !eventRoutes.some((x) => x.policy)) continue;
    if (get(r.properties, 'DefinitionUri') && !body) continue; // SAM cannot edit a body kept in S3
    // Paths and their methods: the body's, then the events' (SAM adds each event to the body).
    const paths = new Map<string, string[]>();
    const bodyPaths = get(body, 'paths');
    for (const e of bodyPaths?.kind === 'map' ? bodyPaths.entries : []) paths.set(e.key, keysOf(e.value));
    for (const x of eventRoutes) {
      const methods = paths.get(x.path) ?? [];
      const m = x.method.toLowerCase() === 'any' ? 'x-amazon-apigateway-any-method' : x.method.toLowerCase();
      if (!methods.includes(m)) methods.push(m);
      paths.set(x.path, methods);
    }
    const stage = implicit
      ? fromPlain('Prod', span)
      : (get(r.properties, 'StageName') ?? fromPlain('', span));
    const resourcesOf = (path: string): CfnNode[] => {
      const p = path.replace(/{([a-zA-Z0-9._-]+|[a-zA-Z0-9._-]+\+|proxy\+)}/g, '*');
      return (paths.get(path) ?? []).map((m) => {
        const method =
          m.toLowerCase() === 'x-amazon-apigateway-any-method' || m.toLowerCase() === 'any'
            ? '*'
            : m.toUpperCase();
        return map(
          [
            [
              'Fn::Sub',
              seq(
                [
                  fromPlain(`execute-api:/\${__Stage__}/${method}${p}`, span),
                  map([['__Stage__', stage]], span),
                ],
                span,
              ),
            ],
          ],
          span,
        );
      });
    };
    const b = new PolicyBuilder(span);
    // A policy already in the body: SAM adds its statements to it.
    b.statement = get(written, 'Statement');
    // Events' own ResourcePolicy, for their path (SAM's event source adds these first).
    for (const x of eventRoutes) {
      if (x.policy?.kind !== 'map') continue;
      addPathStatements(t, b, x.policy, resourcesOf(x.path), span);
      const custom = get(x.policy, 'CustomStatements');
      if (custom) b.custom(custom);
    }
    if (rp?.kind === 'map') {
      for (const path of paths.keys()) addPathStatements(t, b, rp, resourcesOf(path), span);
      const custom = get(rp, 'CustomStatements');
      if (custom) b.custom(custom);
    }
    const statement = Array.isArray(b.statement) ? seq(b.statement, span) : b.statement;
    const doc =
      written?.kind === 'map'
        ? {
            ...written,
            entries: [
              ...written.entries.filter((e) => e.key !== 'Statement'),
              ...(statement ? [{ key: 'Statement', keySpan: span, value: statement }] : []),
            ],
          }
        : statement
          ? map(
              [
                ['Version', fromPlain('2012-10-17', span)],
                ['Statement', statement],
              ],
              span,
            )
          : undefined;
    const properties = map(
      [
        ['Name', get(r.properties, 'Name')],
        ['Policy', policy],
        ['Body', doc ? map([['x-amazon-apigateway-policy', doc]], span) : undefined],
        ['StageName', get(r.properties, 'StageName')],
      ],
      span,
    );
    const node: CfnMap = {
      ...r.node,
      entries: r.node.entries.map((e) =>
        e.key === 'Type'
          ? { ...e, value: fromPlain('AWS::ApiGateway::RestApi', e.value.span) }
          : e.key === 'Properties'
            ? { ...e, value: properties }
            : e,
      ),
    };
    if (!get(node, 'Properties')) node.entries.push({ key: 'Properties', keySpan: span, value: properties });
    t.resources.set(id, {
      ...r,
      type: 'AWS::ApiGateway::RestApi',
      node,
      properties,
      synthetic: true,
    } as ResourceDef);
  }
}

const truthy = (n: CfnNode | undefined) =>
  n?.kind === 'scalar' && (n.value === true || String(n.value).toLowerCase() === 'true');

/**
 * Lambda authorizers of SAM APIs: for each authorizer with a `FunctionArn`, SAM adds
 * `<Api><Authorizer>AuthorizerPermission`, letting API Gateway invoke the function for
 * `<api-id>/authorizers/*` (REST APIs unless `DisableFunctionDefaultPermissions`; HTTP APIs only
 * with `EnableFunctionDefaultPermissions`). Implicit APIs take `Globals` Auth.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-lambdatokenauthorizer.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-httpapi-lambdaauthorizer.html
 */
export function authorizerPermissions(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  const globals = get(t.root, 'Globals');
  for (const [id, r] of t.resources) {
    const rest =
      r.type === 'AWS::Serverless::Api' ||
      (id === 'ServerlessRestApi' && r.synthetic === true && r.type === 'AWS::ApiGateway::RestApi');
    const http =
      r.type === 'AWS::Serverless::HttpApi' ||
      (id === 'ServerlessHttpApi' && r.synthetic === true && r.type === 'AWS::ApiGatewayV2::Api');
    if ((!rest && !http) || !t.isCreated(r)) continue;
    const auth = merge(get(get(globals, rest ? 'Api' : 'HttpApi'), 'Auth'), get(r.properties, 'Auth'));
    const authorizers = get(auth, 'Authorizers');
    for (const e of authorizers?.kind === 'map' ? authorizers.entries : []) {
      const fnArn = get(e.value, 'FunctionArn');
      if (!fnArn) continue;
      if (rest && truthy(get(e.value, 'DisableFunctionDefaultPermissions'))) continue;
      if (http && !truthy(get(e.value, 'EnableFunctionDefaultPermissions'))) continue;
      const span = e.keySpan;
      const properties = map(
        [
          ['Action', fromPlain('lambda:InvokeFunction', span)],
          ['FunctionName', fnArn],
          ['Principal', fromPlain('apigateway.amazonaws.com', span)],
          [
            'SourceArn',
            map(
              [
                [
                  'Fn::Sub',
                  seq(
                    [
                      fromPlain(
                        'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*',
                        span,
                      ),
                      map([['__ApiId__', map([['Ref', fromPlain(id, span)]], span)]], span),
                    ],
                    span,
                  ),
                ],
              ],
              span,
            ),
          ],
        ],
        span,
      );
      const pid = `${id}${e.key}AuthorizerPermission`;
      const node = map(
        [
          ['Type', fromPlain('AWS::Lambda::Permission', span)],
          ['Properties', properties],
          ['Condition', r.condition === undefined ? undefined : fromPlain(r.condition, span)],
        ],
        span,
      );
      t.origins.set(`${pid}|PermissionsPolicy`, `SAM API authorizer ${e.key}`);
      out.push({
        id: pid,
        type: 'AWS::Lambda::Permission',
        node,
        properties,
        keySpan: span,
        synthetic: true,
        ...(r.condition ? { condition: r.condition } : {}),
      });
    }
  }
  return out.filter((x) => !t.resources.has(x.id));
}

/**
 * Routes of `AWS::Serverless::WebSocketApi`: each route's function gets
 * `<Api><Route>Permission` ($connect → Connect, other keys capitalised), letting API Gateway
 * invoke it for `<api-id>/<stage>/<route key>` (stage `default` unless `StageName`).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-websocketapi.html
 */
export function webSocketPermissions(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  for (const [id, r] of t.resources) {
    if (r.type !== 'AWS::Serverless::WebSocketApi' || !t.isCreated(r)) continue;
    const routes = get(r.properties, 'Routes');
    const stage = get(r.properties, 'StageName');
    const stageText = stage ? str(stage) : 'default';
    for (const e of routes?.kind === 'map' ? routes.entries : []) {
      const fnArn = get(e.value, 'FunctionArn');
      const key = e.key;
      const clean = ['$connect', '$disconnect', '$default'].includes(key)
        ? key.slice(1, 2).toUpperCase() + key.slice(2)
        : /^[A-Za-z0-9]+$/.test(key)
          ? key.slice(0, 1).toUpperCase() + key.slice(1).toLowerCase()
          : undefined;
      if (!fnArn || !clean) continue;
      const span = e.keySpan;
      const text = `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id}.ApiId}/${stageText ?? '${__StageName__}'}/${key}`;
      const sub =
        stageText === undefined
          ? seq([fromPlain(text, span), map([['__StageName__', stage]], span)], span)
          : fromPlain(text, span);
      const properties = map(
        [
          ['Action', fromPlain('lambda:InvokeFunction', span)],
          ['FunctionName', fnArn],
          ['Principal', fromPlain('apigateway.amazonaws.com', span)],
          ['SourceArn', map([['Fn::Sub', sub]], span)],
        ],
        span,
      );
      const pid = `${id}${clean}Permission`;
      const node = map(
        [
          ['Type', fromPlain('AWS::Lambda::Permission', span)],
          ['Properties', properties],
          ['Condition', r.condition === undefined ? undefined : fromPlain(r.condition, span)],
        ],
        span,
      );
      t.origins.set(`${pid}|PermissionsPolicy`, `SAM WebSocket route ${key}`);
      out.push({
        id: pid,
        type: 'AWS::Lambda::Permission',
        node,
        properties,
        keySpan: span,
        synthetic: true,
        ...(r.condition ? { condition: r.condition } : {}),
      });
    }
    // A CUSTOM (Lambda) authorizer of the $connect route, invoked without `InvokeRole`: API
    // Gateway may invoke its function for `<api-id>/authorizers/*` (`<Api>AuthorizerPermission`).
    const auth = get(r.properties, 'Auth');
    const authArn = get(auth, 'AuthArn');
    if (
      str(get(auth, 'AuthType')) === 'CUSTOM' &&
      authArn &&
      !get(auth, 'InvokeRole') &&
      routes?.kind === 'map' &&
      routes.entries.some((e) => e.key === '$connect')
    ) {
      const span = auth?.span ?? r.keySpan;
      const pid = `${id}AuthorizerPermission`;
      t.origins.set(`${pid}|PermissionsPolicy`, 'SAM WebSocket authorizer');
      out.push(
        resource(
          pid,
          'AWS::Lambda::Permission',
          [
            ['Action', fromPlain('lambda:InvokeFunction', span)],
            ['FunctionName', authArn],
            ['Principal', fromPlain('apigateway.amazonaws.com', span)],
            [
              'SourceArn',
              fromPlain(
                {
                  'Fn::Sub': [
                    'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*',
                    { __ApiId__: { Ref: id } },
                  ],
                },
                span,
              ),
            ],
          ],
          span,
          r.condition,
        ),
      );
    }
  }
  return out.filter((x) => !t.resources.has(x.id));
}
