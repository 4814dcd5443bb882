/**
 * SAM connectors: `AWS::Serverless::Connector` resources and the `Connectors` attribute of a
 * resource (an embedded connector, logical id `<Resource><Connector>`, its Source the resource).
 * For each destination, SAM's published connector profile for the (source type, destination type)
 * pair gives the statements of each access category (Read, Write) and the kind of policy SAM
 * writes: a managed policy attached to the source's (or destination's) role, an SQS queue policy,
 * an SNS topic policy, or Lambda permissions. The profiles are bundled unchanged
 * (data/sam/connector_profiles.json, Apache-2.0).
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-connector.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/managing-permissions-connectors.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/reference-sam-connector.html
 */
import { readFileSync } from 'node:fs';
import type { Span } from '../../policy/location.js';
import { type CfnNode, fromPlain, get, toPlain } from './node.js';
import { map, resource, str } from './sam-nodes.js';
import type { ResourceDef, Template } from './template.js';

interface Profile {
  Type:
    | 'AWS_IAM_ROLE_MANAGED_POLICY'
    | 'AWS_SQS_QUEUE_POLICY'
    | 'AWS_SNS_TOPIC_POLICY'
    | 'AWS_LAMBDA_PERMISSION';
  Properties: { SourcePolicy: boolean; AccessCategories: Record<string, unknown> };
}
interface Profiles {
  Permissions: Record<string, Record<string, Profile>>;
  CfnResourceProperties: Record<
    string,
    { Inputs?: { Role?: string | { Function: string } }; Outputs?: Record<string, unknown> }
  >;
}

let profiles: Profiles | undefined;
function data(): Profiles {
  if (!profiles) {
    const url = new URL('../../../data/sam/connector_profiles.json', import.meta.url);
    profiles = JSON.parse(readFileSync(url, 'utf8')) as Profiles;
  }
  return profiles;
}

/** The CloudFormation type a SAM resource becomes (profiles are keyed by CloudFormation types). */
const SAM_TO_CFN: Record<string, string> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
};

/** The logical id an intrinsic names (`Ref X`, `Fn::GetAtt [X, ...]`, `Fn::GetAtt X.Y`). */
function logicalIdOf(n: CfnNode | undefined): string | undefined {
  if (n?.kind !== 'map' || n.entries.length !== 1) return undefined;
  const [{ key, value }] = n.entries;
  if (key === 'Ref') return str(value);
  if (key === 'Fn::GetAtt') return value.kind === 'seq' ? str(value.items[0]) : str(value)?.split('.')[0];
  return undefined;
}

/** What a connector knows about one end (SAM's ConnectorResourceReference). */
interface End {
  id?: string;
  type: string;
  vars: Record<string, CfnNode | undefined>;
  roleName?: CfnNode;
  queueUrl?: CfnNode;
}

/** `%{logicalId}` in the profile's outputs replaced, as nodes. */
function fill(value: unknown, id: string, span: Span): CfnNode {
  const walk = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.replaceAll('%{logicalId}', id)
      : Array.isArray(v)
        ? v.map(walk)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
          : v;
  return fromPlain(walk(value), span);
}

function endOf(t: Template, ref: CfnNode, other: CfnNode | undefined, span: Span): End | string {
  const id = str(get(ref, 'Id'));
  if (!id) {
    const type = str(get(ref, 'Type'));
    if (!type) return "'Id' or 'Type' is missing";
    return {
      type: SAM_TO_CFN[type] ?? type,
      vars: {
        Arn: get(ref, 'Arn'),
        ResourceId: get(ref, 'ResourceId'),
        Name: get(ref, 'Name'),
        Qualifier: get(ref, 'Qualifier'),
      },
      roleName: get(ref, 'RoleName'),
      queueUrl: get(ref, 'QueueUrl'),
    };
  }
  const r = t.resources.get(id);
  if (!r) return `no resource with logical id '${id}'`;
  const type = SAM_TO_CFN[r.type] ?? r.type;
  const facts = data().CfnResourceProperties[type] ?? {};
  const outputs = facts.Outputs ?? {};
  const out = (k: string) => (outputs[k] === undefined ? undefined : fill(outputs[k], id, span));
  // The role: the property the profile names (after SAM's transform, a SAM function or state
  // machine without Role uses the <Id>Role SAM creates).
  let role: CfnNode | undefined;
  const input = facts.Inputs?.Role;
  if (r.type === 'AWS::Serverless::Function' || r.type === 'AWS::Serverless::StateMachine') {
    role = get(r.properties, 'Role') ?? map([['Ref', fromPlain(`${id}Role`, span)]], span);
  } else if (typeof input === 'string') role = get(r.properties, input);
  else if (input?.Function === 'GetEventsRuleRole') {
    const otherId = str(get(other, 'Id'));
    const otherArn = get(other, 'Arn');
    const targets = get(r.properties, 'Targets');
    for (const target of targets?.kind === 'seq' ? targets.items : []) {
      const arn = get(target, 'Arn');
      if (
        (otherId && logicalIdOf(arn) === otherId) ||
        (otherArn && arn && JSON.stringify(toPlain(arn)) === JSON.stringify(toPlain(otherArn)))
      )
        role = get(target, 'RoleArn');
    }
  }
  const roleId = logicalIdOf(role);
  return {
    id,
    type,
    vars: {
      Arn: out('Arn'),
      ResourceId: out('Id'),
      Name: out('Name'),
      Qualifier: get(ref, 'Qualifier') ?? out('Qualifier'),
    },
    roleName: roleId ? map([['Ref', fromPlain(roleId, span)]], span) : undefined,
    queueUrl: out('Url'),
  };
}

/**
 * The profile with `%{Source.X}` / `%{Destination.X}` replaced: a whole-string variable becomes
 * its value, a variable inside a string an `Fn::Sub` (SAM's profile_replace). Undefined when a
 * variable the profile uses has no value (the reason in `missing`).
 */
function replace(
  value: unknown,
  vars: Record<string, CfnNode | undefined>,
  span: Span,
  missing: string[],
): CfnNode {
  if (Array.isArray(value))
    return { kind: 'seq', items: value.map((v) => replace(v, vars, span, missing)), span };
  if (value && typeof value === 'object')
    return map(
      Object.entries(value).map(([k, v]) => [k, replace(v, vars, span, missing)]),
      span,
    );
  if (typeof value !== 'string') return fromPlain(value, span);
  let s = value;
  const subVars: Array<[string, CfnNode]> = [];
  for (const [k, v] of Object.entries(vars)) {
    const pattern = `%{${k}}`;
    if (!s.includes(pattern)) continue;
    if (!v) {
      missing.push(k);
      return fromPlain(s, span);
    }
    if (s === pattern) return v;
    const name = k.replace(/[^A-Za-z0-9]/g, '');
    s = s.replaceAll(pattern, `\${${name}}`);
    subVars.push([name, v]);
  }
  if (/\$\{.+\}/.test(s))
    return map(
      [
        [
          'Fn::Sub',
          subVars.length
            ? { kind: 'seq', items: [fromPlain(s, span), map(subVars, span)], span }
            : fromPlain(s, span),
        ],
      ],
      span,
    );
  return fromPlain(s, span);
}

interface Connector {
  id: string;
  source: CfnNode;
  destination: CfnNode;
  permissions: CfnNode | undefined;
  condition?: string;
  span: Span;
  where: string;
}

function connectors(t: Template): Connector[] {
  const out: Connector[] = [];
  for (const r of t.resources.values()) {
    if (r.type === 'AWS::Serverless::Connector') {
      if (!t.isCreated(r)) continue;
      const source = get(r.properties, 'Source');
      const destination = get(r.properties, 'Destination');
      if (!source || !destination) continue;
      out.push({
        id: r.id,
        source,
        destination,
        permissions: get(r.properties, 'Permissions'),
        condition: r.condition,
        span: r.keySpan,
        where: `Resources.${r.id}.Properties`,
      });
    }
    const embedded = get(r.node, 'Connectors');
    if (embedded?.kind !== 'map' || !t.isCreated(r)) continue;
    for (const e of embedded.entries) {
      const props = get(e.value, 'Properties');
      const destination = get(props, 'Destination');
      if (!destination) continue;
      const extra = get(props, 'SourceReference');
      const source = map(
        [
          ['Id', fromPlain(r.id, e.keySpan)],
          ...(extra?.kind === 'map' ? extra.entries.map((x): [string, CfnNode] => [x.key, x.value]) : []),
        ],
        e.keySpan,
      );
      const cond = str(get(e.value, 'Condition'));
      out.push({
        id: `${r.id}${e.key}`,
        source,
        destination,
        permissions: get(props, 'Permissions'),
        ...(cond ? { condition: cond } : {}),
        span: e.keySpan,
        where: `Resources.${r.id}.Connectors.${e.key}.Properties`,
      });
    }
  }
  return out;
}

/** The resources SAM generates for every connector of the template. */
export function connectorResources(t: Template): ResourceDef[] {
  const out: ResourceDef[] = [];
  for (const c of connectors(t)) {
    const dests = c.destination.kind === 'seq' ? c.destination.items : [c.destination];
    const multi = c.destination.kind === 'seq';
    const permissions = new Set(
      (c.permissions?.kind === 'seq' ? c.permissions.items : c.permissions ? [c.permissions] : [])
        .map(str)
        .filter((p): p is string => p !== undefined),
    );
    const one = (dest: CfnNode, i: number): string | undefined => {
      const skip = (why: string) => why;
      const d = endOf(t, dest, c.source, c.span);
      const s = endOf(t, c.source, dest, c.span);
      if (typeof d === 'string') return skip(`Destination: ${d}`);
      if (typeof s === 'string') return skip(`Source: ${s}`);
      const profile = data().Permissions[s.type]?.[d.type];
      if (!profile) return skip(`SAM has no connector profile from ${s.type} to ${d.type}`);
      const categories = Object.keys(profile.Properties.AccessCategories).filter((k) => permissions.has(k));
      if (!categories.length)
        return skip(`no Permissions among ${Object.keys(profile.Properties.AccessCategories).join(', ')}`);
      const vars: Record<string, CfnNode | undefined> = {};
      for (const [k, v] of Object.entries(s.vars)) vars[`Source.${k}`] = v;
      for (const [k, v] of Object.entries(d.vars)) vars[`Destination.${k}`] = v;
      const missing: string[] = [];
      const cats = new Map(
        categories.map((k) => [k, replace(profile.Properties.AccessCategories[k], vars, c.span, missing)]),
      );
      if (missing.length) return skip(`${[...new Set(missing)].join(', ')} is missing`);
      const owner = profile.Properties.SourcePolicy ? s : d;
      const span = c.span;
      const suffix = multi ? `Destination${i}` : '';
      const origin = `SAM connector ${c.id}`;
      const document = () =>
        map(
          [
            ['Version', fromPlain('2012-10-17', span)],
            [
              'Statement',
              {
                kind: 'seq',
                items: [...cats.values()].flatMap((x) => {
                  const st = get(x, 'Statement');
                  return st?.kind === 'seq' ? st.items : st ? [st] : [];
                }),
                span,
              },
            ],
          ],
          span,
        );
      switch (profile.Type) {
        case 'AWS_IAM_ROLE_MANAGED_POLICY': {
          if (!owner.roleName)
            return skip(
              'the role of its ' +
                (profile.Properties.SourcePolicy ? 'Source' : 'Destination') +
                ' is not known',
            );
          const id = multi ? `${c.id}Policy${suffix}` : `${c.id}Policy`;
          t.origins.set(`${id}|${id}`, origin);
          out.push(
            resource(
              id,
              'AWS::IAM::ManagedPolicy',
              [
                ['PolicyDocument', document()],
                ['Roles', { kind: 'seq', items: [owner.roleName], span }],
              ],
              span,
              c.condition,
            ),
          );
          break;
        }
        case 'AWS_SQS_QUEUE_POLICY': {
          if (!owner.queueUrl) return skip('the queue URL is not known');
          const id = `${c.id}QueuePolicy${suffix}`;
          t.origins.set(`${id}|QueuePolicy`, origin);
          out.push(
            resource(
              id,
              'AWS::SQS::QueuePolicy',
              [
                ['PolicyDocument', document()],
                ['Queues', { kind: 'seq', items: [owner.queueUrl], span }],
              ],
              span,
              c.condition,
            ),
          );
          break;
        }
        case 'AWS_SNS_TOPIC_POLICY': {
          const arn = owner.vars.Arn;
          if (!arn) return skip('the topic ARN is not known');
          const id = `${c.id}TopicPolicy${suffix}`;
          t.origins.set(`${id}|TopicPolicy`, origin);
          out.push(
            resource(
              id,
              'AWS::SNS::TopicPolicy',
              [
                ['PolicyDocument', document()],
                ['Topics', { kind: 'seq', items: [arn], span }],
              ],
              span,
              c.condition,
            ),
          );
          break;
        }
        case 'AWS_LAMBDA_PERMISSION': {
          const arn = owner.vars.Arn;
          if (!arn) return skip('the function ARN is not known');
          for (const [k, p] of cats) {
            const id = `${c.id}${k}LambdaPermission${suffix}`;
            t.origins.set(`${id}|PermissionsPolicy`, origin);
            out.push(
              resource(
                id,
                'AWS::Lambda::Permission',
                [
                  ['Action', get(p, 'Action')],
                  ['FunctionName', arn],
                  ['Principal', get(p, 'Principal')],
                  ['SourceArn', get(p, 'SourceArn')],
                  ['SourceAccount', get(p, 'SourceAccount')],
                ],
                span,
                c.condition,
              ),
            );
          }
          break;
        }
      }
      return undefined;
    };
    for (const [i, dest] of dests.entries()) {
      const why = one(dest, i);
      if (why) t.warn(`SAM connector ${c.id}: ${why}; it adds no permission here`, c.span, c.where);
    }
  }
  return out.filter((r) => !t.resources.has(r.id));
}
