// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is CloudFormation Fn::Sub syntax, not a JS template
/**
 * `AWS::Serverless::GraphQLApi`: the IAM resources SAM generates with the AppSync API
 * (samtranslator's SamGraphQLApi):
 * - `<Api>CloudWatchRole`, trusted by AppSync, with the AWSAppSyncPushToCloudWatchLogs managed
 *   policy, unless `Logging` is `false` or names its own `CloudWatchLogsRoleArn`;
 * - for each DynamoDB or Lambda data source without `ServiceRoleArn`, the data source
 *   `<Api><Name><DynamoDB|Lambda>DataSource`, its role `...DataSourceRole` trusted by AppSync, and
 *   the connector `...ToTableConnector` (its `Permissions`, default Read and Write) or
 *   `...ToLambdaConnector` (Write) from the data source to the table or function;
 * - for each Lambda authorizer (`Auth`, `Auth.Additional`), the connector
 *   `<Api>ToLambdaAuthConnector<N>` letting AppSync invoke the authorizer function.
 * The connectors are `AWS::Serverless::Connector` resources, expanded with the others
 * (sam-connectors.ts), so they carry the origin `SAM connector <id>`.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-graphqlapi.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-graphqlapi.html
 */
import type { Span } from '../../policy/location.js';
import { type CfnNode, fromPlain, get } from './node.js';
import { map, resource, serviceTrust, str } from './sam-nodes.js';
import type { ResourceDef, Template } from './template.js';

/** The trust policy of every role SAM creates for AppSync. */
const appsyncTrust = (span: Span): CfnNode => serviceTrust('appsync.amazonaws.com', span);

const isFalse = (n: CfnNode | undefined) =>
  n?.kind === 'scalar' && (n.value === false || String(n.value).toLowerCase() === 'false');

/** A connector resource as SAM builds it internally, expanded later with the template's own. */
function connector(
  id: string,
  source: CfnNode,
  destination: CfnNode,
  permissions: CfnNode,
  span: Span,
  condition: string | undefined,
): ResourceDef {
  return resource(
    id,
    'AWS::Serverless::Connector',
    [
      ['Source', source],
      ['Destination', destination],
      ['Permissions', permissions],
    ],
    span,
    condition,
  );
}

/** The resources SAM adds for each `AWS::Serverless::GraphQLApi` of the template. */
export function graphqlResources(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  for (const api of t.resources.values()) {
    if (api.type !== 'AWS::Serverless::GraphQLApi' || !t.isCreated(api)) continue;
    const span = api.keySpan;
    const cond = api.condition;
    const p = api.properties;

    const logging = get(p, 'Logging');
    if (!isFalse(logging) && !get(logging, 'CloudWatchLogsRoleArn')) {
      const logSpan = logging?.span ?? span;
      out.push(
        resource(
          `${api.id}CloudWatchRole`,
          'AWS::IAM::Role',
          [
            ['AssumeRolePolicyDocument', appsyncTrust(logSpan)],
            [
              'ManagedPolicyArns',
              fromPlain(
                [
                  {
                    'Fn::Sub':
                      'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs',
                  },
                ],
                logSpan,
              ),
            ],
          ],
          logSpan,
          cond,
        ),
      );
    }

    const apiId = fromPlain({ 'Fn::GetAtt': [api.id, 'ApiId'] }, span);
    const sources = get(p, 'DataSources');
    for (const [kind, suffix, dest] of [
      ['DynamoDb', 'DynamoDB', 'Table'],
      ['Lambda', 'Lambda', 'Lambda'],
    ] as const) {
      const group = get(sources, kind);
      for (const e of group?.kind === 'map' ? group.entries : []) {
        const ds = e.value;
        const dsSpan = e.keySpan;
        const dsId = `${api.id}${e.key}${suffix}DataSource`;
        const own = get(ds, 'ServiceRoleArn');
        const roleId = `${dsId}Role`;
        out.push(
          resource(
            dsId,
            'AWS::AppSync::DataSource',
            [
              ['ApiId', apiId],
              ['Name', get(ds, 'Name') ?? fromPlain(e.key, dsSpan)],
              ['Type', fromPlain(kind === 'Lambda' ? 'AWS_LAMBDA' : 'AMAZON_DYNAMODB', dsSpan)],
              ['ServiceRoleArn', own ?? fromPlain({ 'Fn::GetAtt': [roleId, 'Arn'] }, dsSpan)],
            ],
            dsSpan,
            cond,
          ),
        );
        if (own) continue;
        out.push(
          resource(
            roleId,
            'AWS::IAM::Role',
            [['AssumeRolePolicyDocument', appsyncTrust(dsSpan)]],
            dsSpan,
            cond,
          ),
        );
        let destArn: CfnNode | undefined;
        let permissions: CfnNode;
        if (kind === 'DynamoDb') {
          // TableArn, else the ARN SAM composes from TableName and Region (default the stack's).
          destArn =
            get(ds, 'TableArn') ??
            map(
              [
                [
                  'Fn::Sub',
                  {
                    kind: 'seq',
                    items: [
                      fromPlain(
                        'arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}',
                        dsSpan,
                      ),
                      map(
                        [
                          ['__TableName__', get(ds, 'TableName')],
                          ['__Region__', get(ds, 'Region') ?? fromPlain({ Ref: 'AWS::Region' }, dsSpan)],
                        ],
                        dsSpan,
                      ),
                    ],
                    span: dsSpan,
                  },
                ],
              ],
              dsSpan,
            );
          permissions = get(ds, 'Permissions') ?? fromPlain(['Read', 'Write'], dsSpan);
        } else {
          destArn = get(ds, 'FunctionArn');
          permissions = fromPlain(['Write'], dsSpan);
        }
        if (!destArn) continue;
        out.push(
          connector(
            `${dsId}To${dest}Connector`,
            map(
              [
                ['Type', fromPlain('AWS::AppSync::DataSource', dsSpan)],
                ['Arn', fromPlain({ 'Fn::GetAtt': [dsId, 'DataSourceArn'] }, dsSpan)],
                ['RoleName', fromPlain({ Ref: roleId }, dsSpan)],
              ],
              dsSpan,
            ),
            map(
              [
                [
                  'Type',
                  fromPlain(kind === 'Lambda' ? 'AWS::Lambda::Function' : 'AWS::DynamoDB::Table', dsSpan),
                ],
                ['Arn', destArn],
              ],
              dsSpan,
            ),
            permissions,
            dsSpan,
            cond,
          ),
        );
      }
    }

    // Lambda authorizers, the default one first, numbered from 1.
    const auth = get(p, 'Auth');
    const additional = get(auth, 'Additional');
    const auths = [auth, ...(additional?.kind === 'seq' ? additional.items : [])];
    let n = 0;
    for (const a of auths) {
      if (str(get(a, 'Type')) !== 'AWS_LAMBDA') continue;
      const uri = get(get(a, 'LambdaAuthorizer'), 'AuthorizerUri');
      if (!uri) continue;
      n++;
      out.push(
        connector(
          `${api.id}ToLambdaAuthConnector${n}`,
          map(
            [
              ['Type', fromPlain('AWS::AppSync::GraphQLApi', uri.span)],
              ['Arn', fromPlain({ Ref: api.id }, uri.span)],
              ['ResourceId', apiId],
            ],
            uri.span,
          ),
          map(
            [
              ['Type', fromPlain('AWS::Lambda::Function', uri.span)],
              ['Arn', uri],
            ],
            uri.span,
          ),
          fromPlain(['Write'], uri.span),
          uri.span,
          cond,
        ),
      );
    }
  }
  return out.filter((r) => !t.resources.has(r.id));
}
