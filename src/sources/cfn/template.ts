/**
 * A loaded template and the evaluator of its intrinsic functions, parameters, conditions,
 * mappings, pseudo parameters and dynamic references. Evaluation keeps source spans: a value
 * produced by an intrinsic function carries the span of the function call, so every resolved
 * policy element can be pointed at in the template.
 * Intrinsic functions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 * Pseudo parameters: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
 * Parameters: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 * Conditions: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
 * Dynamic references: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html
 */
import { cloudFormationType, isCustomResourceType } from '../../catalog/cloudformation.js';
import type { Span } from '../../policy/location.js';
import {
  type CfnMap,
  type CfnNode,
  CfnTemplateError,
  type CfnWarning,
  fromPlain,
  get,
  type Scalar,
  toPlain,
  UNKNOWN_TAG_PREFIX,
} from './node.js';
import {
  type Account,
  arnFormatFor,
  fakeId,
  fillArn,
  NAME_PROPERTY,
  partitionOf,
  REF_RETURNS_ARN,
  urlSuffixOf,
} from './resources.js';

export interface TemplateOptions {
  /** File name used in messages. */
  file: string;
  region: string;
  /** `AWS::AccountId`; default 123456789012. */
  accountId?: string;
  /** Parameter values (`--parameters`), overriding defaults. */
  parameters?: Record<string, string>;
  stackName?: string;
  /** Values for `Fn::ImportValue`, by export name (offline stand-in for ListExports). */
  importValues?: Record<string, string>;
  /** Values of SSM parameters, for `{{resolve:ssm:...}}` and `AWS::SSM::Parameter::Value<...>` parameters. */
  ssmParameters?: Record<string, string>;
  /** Accept `{{resolve:ssm:name}}` without a version (cfn-policy-validator's flag). */
  allowDynamicRefWithoutVersion?: boolean;
}

export const DEFAULT_ACCOUNT_ID = '123456789012';

/**
 * A value needed by a policy (or a name, ARN or condition a policy depends on) that cannot be
 * known offline: `{{UNRESOLVED what}}`. It never matches a real value, and findings on the
 * statements holding it are reported as UNRESOLVED (non-blocking unless --strict).
 */
export const UNRESOLVED_PATTERN = /\{\{UNRESOLVED [^{}]*\}\}/g;
export const unresolvedMarker = (what: string) => `{{UNRESOLVED ${what.replace(/[{}]/g, '')}}}`;

export interface ResourceDef {
  id: string;
  type: string;
  node: CfnMap;
  properties?: CfnNode;
  condition?: string;
  keySpan: Span;
  /** Created by the SAM transform rather than written in the template. */
  synthetic?: boolean;
}

/** SAM API types whose Ref and attributes are those of the CloudFormation type they become. */
const SAM_API_TYPES: Record<string, string> = {
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::WebSocketApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::GraphQLApi': 'AWS::AppSync::GraphQLApi',
};

const NO_VALUE = Symbol('NoValue');

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NotificationARNs',
  'AWS::NoValue',
]);

export class Template {
  readonly file: string;
  readonly account: Account;
  readonly stackName: string;
  readonly root: CfnMap;
  readonly resources = new Map<string, ResourceDef>();
  readonly isSam: boolean;
  /** Policies the SAM transform generated, `RoleLogicalId|PolicyName` -> origin (e.g. "SAM policy template SQSPollerPolicy"). */
  readonly origins = new Map<string, string>();
  /** Located warnings and notes: unresolved values, unknown tags, duplicate keys ... */
  readonly warnings: CfnWarning[];
  private readonly warned = new Set<string>();
  /** Incremented each time a placeholder is produced or reused (see intrinsic()). */
  private placeholderUses = 0;
  private readonly options: TemplateOptions;
  private readonly params: CfnMap | undefined;
  private readonly conditions: CfnMap | undefined;
  private readonly mappings: CfnMap | undefined;
  private readonly conditionCache = new Map<string, boolean>();
  private readonly paramCache = new Map<string, CfnNode>();
  private readonly stack: string[] = [];

  constructor(root: CfnNode, options: TemplateOptions, warnings: CfnWarning[] = []) {
    this.warnings = warnings;
    if (root.kind !== 'map')
      throw new CfnTemplateError('a template must be a mapping', options.file, root.span);
    this.root = root;
    this.file = options.file;
    this.options = options;
    const partition = partitionOf(options.region);
    this.account = {
      region: options.region,
      accountId: options.accountId ?? DEFAULT_ACCOUNT_ID,
      partition,
      urlSuffix: urlSuffixOf(partition),
    };
    this.stackName = options.stackName ?? 'StackName';
    this.params = this.section('Parameters');
    for (const p of this.params?.entries ?? []) this.checkLogicalId(p.key, p.keySpan, `Parameters.${p.key}`);
    this.conditions = this.section('Conditions');
    this.mappings = this.section('Mappings');
    const transform = get(root, 'Transform');
    const transforms = transform ? toPlain(transform) : [];
    this.isSam = (Array.isArray(transforms) ? transforms : [transforms]).some(
      (t) => typeof t === 'string' && t.startsWith('AWS::Serverless'),
    );
    const resources = this.section('Resources');
    if (!resources) {
      throw new CfnTemplateError('the template has no Resources section', this.file, root.span, 'Resources');
    }
    for (const e of resources.entries) {
      const where = `Resources.${e.key}`;
      if (e.key.startsWith('Fn::ForEach')) {
        throw new CfnTemplateError(
          'Fn::ForEach (AWS::LanguageExtensions) is not supported',
          this.file,
          e.keySpan,
          where,
        );
      }
      this.checkLogicalId(e.key, e.keySpan, where);
      if (e.value.kind !== 'map') throw this.error('a resource must be a mapping', e.value.span, where);
      const type = get(e.value, 'Type');
      if (type?.kind === 'map') {
        // A tool's module (`Type: !Rain::Module ...`, `{"Rain::Module": ...}`) is expanded by
        // that tool before CloudFormation sees the template.
        this.warn(
          `resource ${e.key} has a Type that only a pre-processor understands; it is not read`,
          type.span,
          `${where}.Type`,
        );
        continue;
      }
      if (type?.kind !== 'scalar' || typeof type.value !== 'string') {
        throw this.error('a resource needs a Type string', e.value.span, where);
      }
      const cond = get(e.value, 'Condition');
      if (cond && (cond.kind !== 'scalar' || typeof cond.value !== 'string')) {
        throw this.error('Condition must name a condition', cond.span, `${where}.Condition`);
      }
      this.resources.set(e.key, {
        id: e.key,
        type: type.value,
        node: e.value,
        properties: get(e.value, 'Properties'),
        condition: cond ? String((cond as { value: Scalar }).value) : undefined,
        keySpan: e.keySpan,
      });
    }
  }

  /**
   * Logical ids "must be alphanumeric and unique among all logical names within the template"
   * (CloudFormation's Parameters page; Resources page: "alphanumeric (A-Za-z0-9) and unique within
   * the template"). A resource id that is not alphanumeric is an error, as in cfn-policy-validator
   * (its template schema) and CloudFormation; one longer than 255 characters (CloudFormation quotas:
   * resource name) or also naming a parameter is a warning (cfn-policy-validator accepts both; `Ref`
   * then names the resource, in both tools). Parameter ids are checked in the same way, with warnings.
   */
  private checkLogicalId(id: string, span: Span, where: string): void {
    const section = where.startsWith('Parameters.') ? 'parameter' : 'resource';
    if (!/^[A-Za-z0-9]+$/.test(id)) {
      const why = `${section} logical id "${id}" is not alphanumeric (A-Za-z0-9), which CloudFormation requires`;
      if (section === 'resource') throw new CfnTemplateError(why, this.file, span, where);
      this.warn(why, span, where);
    }
    if (id.length > 255)
      this.warn(
        `${section} logical id is ${id.length} characters; CloudFormation allows at most 255`,
        span,
        where,
      );
    const param = section === 'resource' ? this.params?.entries.find((p) => p.key === id) : undefined;
    if (param)
      this.warn(
        `logical id ${id} names both a parameter (line ${param.keySpan.start.line}) and a resource; CloudFormation requires logical ids unique within the template; Ref ${id} is the resource`,
        span,
        where,
      );
  }

  private section(name: string): CfnMap | undefined {
    const s = get(this.root, name);
    if (s === undefined || (s.kind === 'scalar' && s.value === null)) return undefined;
    if (s.kind !== 'map') throw this.error(`${name} must be a mapping`, s.span, name);
    return s;
  }

  error(detail: string, span: Span, where: string): CfnTemplateError {
    return new CfnTemplateError(detail, this.file, span, where);
  }

  /** Records a located warning (once per place and text). */
  warn(detail: string, span: Span, where: string, severity: CfnWarning['severity'] = 'warning'): void {
    const key = `${span.start.offset}|${where}|${detail}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ file: this.file, span, where, detail, severity });
  }

  /** A marked placeholder for a needed value that cannot be known offline, with a located warning. */
  placeholder(what: string, why: string, span: Span, where: string): CfnNode {
    this.placeholderUses++;
    this.warn(`${why}; the placeholder ${unresolvedMarker(what)} stands for it`, span, where);
    return { kind: 'scalar', value: unresolvedMarker(what), span };
  }

  /** True when a property is present and not removed by AWS::NoValue, evaluating only the conditions of Fn::If. */
  hasValue(node: CfnNode | undefined, where: string): boolean {
    if (!node) return false;
    if (node.kind === 'map' && node.entries.length === 1) {
      const [{ key, value }] = node.entries;
      if (key === 'Ref' && value.kind === 'scalar' && value.value === 'AWS::NoValue') return false;
      if (key === 'Fn::If' && value.kind === 'seq' && value.items.length === 3) {
        const name = this.literalName(value.items[0], 'Fn::If', `${where}.Fn::If`);
        const chosen = this.condition(name, value.items[0].span, `${where}.Fn::If`) ? 1 : 2;
        return this.hasValue(value.items[chosen], `${where}.Fn::If[${chosen}]`);
      }
    }
    return true;
  }

  /** False when the resource's Condition evaluates to false (the resource is not created). */
  isCreated(r: ResourceDef): boolean {
    if (!r.condition) return true;
    return this.condition(r.condition, get(r.node, 'Condition')!.span, `Resources.${r.id}.Condition`);
  }

  /** Evaluates one property of a resource (undefined when absent or AWS::NoValue). */
  property(r: ResourceDef, name: string): CfnNode | undefined {
    const n = get(r.properties, name);
    if (!n) return undefined;
    return this.eval(n, `Resources.${r.id}.Properties.${name}`);
  }

  /** Evaluates a string-valued property, if present. */
  stringProperty(r: ResourceDef, name: string): string | undefined {
    const n = this.property(r, name);
    return n === undefined ? undefined : this.asString(n, `Resources.${r.id}.Properties.${name}`);
  }

  // ---------------------------------------------------------------- evaluation

  /** Resolves every intrinsic function in a node. Returns undefined for AWS::NoValue. */
  eval(node: CfnNode, where: string): CfnNode | undefined {
    const v = this.ev(node, where);
    return v === NO_VALUE ? undefined : v;
  }

  private ev(node: CfnNode, where: string): CfnNode | typeof NO_VALUE {
    if (node.kind === 'scalar') {
      if (typeof node.value === 'string' && node.value.includes('{{resolve:')) {
        return { kind: 'scalar', value: this.dynamicRefs(node.value, node.span, where), span: node.span };
      }
      return node;
    }
    if (node.kind === 'seq') {
      const items: CfnNode[] = [];
      node.items.forEach((item, i) => {
        const v = this.ev(item, `${where}[${i}]`);
        if (v !== NO_VALUE) items.push(v);
      });
      return { kind: 'seq', items, span: node.span };
    }
    if (node.entries.length === 1) {
      const [{ key, value }] = node.entries;
      if (key === 'Ref' || key.startsWith('Fn::'))
        return this.intrinsicOrPlaceholder(key, value, node.span, where);
      if (key.startsWith(UNKNOWN_TAG_PREFIX)) {
        const tag = key.slice(UNKNOWN_TAG_PREFIX.length);
        return this.placeholder(
          tag,
          `the value of the unknown YAML tag ${tag} is needed here`,
          node.span,
          where,
        );
      }
    }
    const entries = [];
    for (const e of node.entries) {
      const v = this.ev(e.value, `${where}.${e.key}`);
      if (v !== NO_VALUE) entries.push({ key: e.key, keySpan: e.keySpan, value: v });
    }
    return { kind: 'map', entries, span: node.span };
  }

  /**
   * An intrinsic function; when it fails over a placeholder (a Select, FindInMap, Split or Cidr of
   * a value not known offline), its result is a placeholder too, not an abort.
   */
  private intrinsicOrPlaceholder(
    fn: string,
    arg: CfnNode,
    span: Span,
    where: string,
  ): CfnNode | typeof NO_VALUE {
    const before = this.placeholderUses;
    try {
      return this.intrinsic(fn, arg, span, `${where}.${fn}`);
    } catch (e) {
      if (!(e instanceof CfnTemplateError) || this.placeholderUses === before) throw e;
      return this.placeholder(
        fn,
        `${fn} cannot be evaluated over an unresolved value (${e.detail})`,
        span,
        where,
      );
    }
  }

  private intrinsic(fn: string, arg: CfnNode, span: Span, where: string): CfnNode | typeof NO_VALUE {
    const str = (value: string): CfnNode => ({ kind: 'scalar', value, span });
    switch (fn) {
      case 'Ref': {
        const name = this.literalName(arg, 'Ref', where);
        if (name === 'AWS::NoValue') return NO_VALUE;
        return this.ref(name, span, where);
      }
      case 'Fn::GetAtt': {
        let id: string;
        let attr: string;
        if (arg.kind === 'scalar' && typeof arg.value === 'string') {
          const dot = arg.value.indexOf('.');
          if (dot <= 0) throw this.error('Fn::GetAtt needs "LogicalId.Attribute"', arg.span, where);
          id = arg.value.slice(0, dot);
          attr = arg.value.slice(dot + 1);
        } else if (arg.kind === 'seq' && arg.items.length === 2) {
          id = this.literalName(arg.items[0], 'Fn::GetAtt', where);
          attr = this.asString(this.need(arg.items[1], `${where}[1]`), `${where}[1]`);
        } else {
          throw this.error(
            'Fn::GetAtt needs [LogicalId, Attribute] or "LogicalId.Attribute"',
            arg.span,
            where,
          );
        }
        return this.getAtt(id, attr, span, where);
      }
      case 'Fn::Sub':
        return str(this.dynamicRefs(this.sub(arg, span, where), span, where));
      case 'Fn::Join': {
        const a = this.args(arg, 2, 2, 'Fn::Join', where);
        const delim = this.asString(this.need(a[0], `${where}[0]`), `${where}[0]`);
        const list = this.asList(this.need(a[1], `${where}[1]`), `${where}[1]`);
        const parts = list.map((n, i) => this.asString(n, `${where}[1][${i}]`));
        return str(this.dynamicRefs(parts.join(delim), span, where));
      }
      case 'Fn::Select': {
        const a = this.args(arg, 2, 2, 'Fn::Select', where);
        const idxText = this.asString(this.need(a[0], `${where}[0]`), `${where}[0]`);
        const idx = Number(idxText);
        const list = this.asList(this.need(a[1], `${where}[1]`), `${where}[1]`);
        if (!Number.isInteger(idx) || idx < 0 || idx >= list.length) {
          throw this.error(
            `Fn::Select index ${idxText} is outside the list (length ${list.length})`,
            span,
            where,
          );
        }
        return list[idx];
      }
      case 'Fn::Split': {
        const a = this.args(arg, 2, 2, 'Fn::Split', where);
        const delim = this.asString(this.need(a[0], `${where}[0]`), `${where}[0]`);
        const text = this.asString(this.need(a[1], `${where}[1]`), `${where}[1]`);
        return { kind: 'seq', items: text.split(delim).map(str), span };
      }
      case 'Fn::If': {
        const a = this.args(arg, 3, 3, 'Fn::If', where);
        const name = this.literalName(a[0], 'Fn::If', where);
        const chosen = this.condition(name, a[0].span, where) ? 1 : 2;
        return this.ev(a[chosen], `${where}[${chosen}]`);
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return { kind: 'scalar', value: this.conditionFn(fn, arg, where), span };
      case 'Fn::FindInMap':
        return this.findInMap(arg, span, where);
      case 'Fn::ImportValue': {
        const name = this.asString(this.need(arg, where), where);
        const value = this.options.importValues?.[name];
        if (value === undefined) {
          return this.placeholder(
            `ImportValue ${name}`,
            `Fn::ImportValue "${name}": stack exports cannot be listed offline (pass --import-values ${name}=VALUE)`,
            span,
            where,
          );
        }
        return str(value);
      }
      case 'Fn::Base64':
        return str(Buffer.from(this.asString(this.need(arg, where), where), 'utf8').toString('base64'));
      case 'Fn::GetAZs': {
        // `!GetAZs` with no argument (null) or '' means the stack's Region.
        const v = this.need(arg, where);
        const r =
          (v.kind === 'scalar' && v.value === null ? '' : this.asString(v, where)) || this.account.region;
        return { kind: 'seq', items: ['a', 'b', 'c'].map((z) => str(`${r}${z}`)), span };
      }
      case 'Fn::Cidr': {
        const a = this.args(arg, 3, 3, 'Fn::Cidr', where);
        const [block, count, bits] = a.map((n, i) =>
          this.asString(this.need(n, `${where}[${i}]`), `${where}[${i}]`),
        );
        const out = cidrSubnets(block, Number(count), Number(bits));
        if (!out)
          throw this.error(
            `Fn::Cidr cannot split ${block} into ${count} subnets of ${bits} bits`,
            span,
            where,
          );
        return { kind: 'seq', items: out.map(str), span };
      }
      case 'Fn::Length': {
        return { kind: 'scalar', value: this.asList(this.need(arg, where), where).length, span };
      }
      case 'Fn::ToJsonString':
        return str(JSON.stringify(toPlain(this.need(arg, where))));
      default:
        throw this.error(`unsupported intrinsic function ${fn}`, span, where);
    }
  }

  private need(node: CfnNode, where: string): CfnNode {
    const v = this.ev(node, where);
    if (v === NO_VALUE) throw this.error('AWS::NoValue is not allowed here', node.span, where);
    return v;
  }

  private args(arg: CfnNode, min: number, max: number, fn: string, where: string): CfnNode[] {
    if (arg.kind !== 'seq' || arg.items.length < min || arg.items.length > max) {
      const n = min === max ? `${min}` : `${min} to ${max}`;
      throw this.error(`${fn} needs a list of ${n} arguments`, arg.span, where);
    }
    return arg.items;
  }

  private literalName(node: CfnNode, fn: string, where: string): string {
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value !== '') return node.value;
    throw this.error(`${fn} needs a logical name (a plain string)`, node.span, where);
  }

  /** A resolved scalar as a string, as CloudFormation converts numbers and booleans. */
  asString(node: CfnNode, where: string): string {
    if (node.kind === 'scalar' && node.value !== null) return String(node.value);
    throw this.error(
      `expected a string, found ${node.kind === 'scalar' ? 'null' : `a ${node.kind}`}`,
      node.span,
      where,
    );
  }

  asList(node: CfnNode, where: string): CfnNode[] {
    if (node.kind === 'seq') return node.items;
    throw this.error(`expected a list, found a ${node.kind}`, node.span, where);
  }

  private guard<T>(key: string, span: Span, where: string, body: () => T): T {
    if (this.stack.includes(key)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(key)), key].join(' -> ');
      throw this.error(`circular reference: ${cycle}`, span, where);
    }
    this.stack.push(key);
    try {
      return body();
    } finally {
      this.stack.pop();
    }
  }

  // ---------------------------------------------------------------- Ref, GetAtt, Sub

  ref(name: string, span: Span, where: string): CfnNode {
    const str = (value: string): CfnNode => ({ kind: 'scalar', value, span });
    if (PSEUDO.has(name)) {
      switch (name) {
        case 'AWS::AccountId':
          return str(this.account.accountId);
        case 'AWS::Region':
          return str(this.account.region);
        case 'AWS::Partition':
          return str(this.account.partition);
        case 'AWS::URLSuffix':
          return str(this.account.urlSuffix);
        case 'AWS::StackName':
          return str(this.stackName);
        case 'AWS::StackId':
          return str(
            `arn:${this.account.partition}:cloudformation:${this.account.region}:${this.account.accountId}:stack/${this.stackName}/00000000-0000-0000-0000-000000000000`,
          );
        case 'AWS::NotificationARNs':
          return { kind: 'seq', items: [], span };
      }
    }
    const resource = this.resources.get(name);
    if (resource) return this.refResource(resource, span, where);
    const samRef = /^(.+)\.(Alias|Version)$/.exec(name);
    const fn = samRef ? this.resources.get(samRef[1]) : undefined;
    if (samRef && fn?.type === 'AWS::Serverless::Function') {
      // SAM's AutoPublishAlias: `!Ref Fn.Alias` is the alias ARN, `!Ref Fn.Version` the version ARN.
      // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
      const suffix = samRef[2] === 'Alias' ? (this.stringProperty(fn, 'AutoPublishAlias') ?? 'live') : '1';
      return str(`${this.arnOf(fn, span, where)}:${suffix}`);
    }
    if (get(this.params, name)) return this.param(name, span, where);
    throw this.error(
      `Ref to "${name}": no parameter, resource or pseudo parameter has that name`,
      span,
      where,
    );
  }

  private created(r: ResourceDef, span: Span, where: string): void {
    if (!this.isCreated(r)) {
      throw this.error(
        `"${r.id}" is not created: its condition ${r.condition} is false, so it cannot be referenced here`,
        span,
        where,
      );
    }
  }

  /** The name a resource will have: its name property when set, else its logical id. */
  resourceName(r: ResourceDef, span: Span, where: string): string {
    const prop = NAME_PROPERTY[r.type];
    if (!prop) return r.id;
    let n: CfnNode | undefined = r.properties;
    for (const part of prop.split('.')) n = get(n, part);
    if (!n) return r.id;
    const node = n;
    return this.guard(`${r.id}.Properties.${prop}`, span, where, () => {
      const v = this.eval(node, `Resources.${r.id}.Properties.${prop}`);
      return v === undefined ? r.id : this.asString(v, `Resources.${r.id}.Properties.${prop}`);
    });
  }

  private pathOf(r: ResourceDef, span: Span, where: string): string {
    const n = get(r.properties, 'Path');
    if (!n) return '/';
    return this.guard(`${r.id}.Path`, span, where, () => {
      const v = this.eval(n, `Resources.${r.id}.Properties.Path`);
      return v === undefined ? '/' : this.asString(v, `Resources.${r.id}.Properties.Path`);
    });
  }

  refResource(r: ResourceDef, span: Span, where: string): CfnNode {
    this.created(r, span, where);
    const str = (value: string): CfnNode => ({ kind: 'scalar', value, span });
    if (r.type === 'AWS::SQS::Queue') return str(this.queueUrl(r, span, where));
    if (REF_RETURNS_ARN.has(r.type)) return str(this.arnOf(r, span, where));
    if (r.type === 'AWS::KMS::Key') return str(r.id);
    // The specification: a type whose Ref identifier is its ARN.
    const ref = cloudFormationType(r.type)?.ref;
    if (ref?.length === 1 && /Arn$/i.test(ref[0]) && !NAME_PROPERTY[r.type]) {
      return str(this.arnOf(r, span, where));
    }
    // An identifier AWS assigns at creation (a read-only attribute such as a VPC endpoint's Id,
    // vpce-...), on a type without a name property: not knowable offline, so a marked placeholder
    // rather than the logical id, which would look like a real (and malformed) value.
    // (SAM's HttpApi and WebSocketApi are the ApiGatewayV2 API they become.)
    const type = SAM_API_TYPES[r.type] ?? r.type;
    const facts = cloudFormationType(type);
    const id = facts?.ref;
    if (id?.length === 1 && !NAME_PROPERTY[type] && facts?.attrs.includes(id[0])) {
      return this.placeholder(
        `Ref ${r.id}`,
        `Ref ${r.id}: the ${id[0]} AWS assigns to the ${type} when it is created is not known offline`,
        span,
        where,
      );
    }
    return str(this.resourceName(r, span, where));
  }

  private queueUrl(r: ResourceDef, span: Span, where: string): string {
    const { region, accountId, urlSuffix } = this.account;
    return `https://sqs.${region}.${urlSuffix}/${accountId}/${this.resourceName(r, span, where)}`;
  }

  /** The ARN the resource will have once deployed. */
  arnOf(r: ResourceDef, span: Span, where: string): string {
    if (r.type === 'AWS::Lambda::Alias') {
      // An alias ARN is its function's ARN qualified by the alias name (Ref and AliasArn):
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-alias.html#aws-resource-lambda-alias-return-values
      return this.guard(`${r.id}.Arn`, span, where, () => {
        const fn = this.stringProperty(r, 'FunctionName') ?? r.id;
        const alias = this.stringProperty(r, 'Name') ?? r.id;
        const { partition, region, accountId } = this.account;
        const fnArn = fn.startsWith('arn:')
          ? fn
          : `arn:${partition}:lambda:${region}:${accountId}:function:${fn}`;
        return `${fnArn}:${alias}`;
      });
    }
    if (
      r.type === 'AWS::StepFunctions::StateMachineVersion' ||
      r.type === 'AWS::StepFunctions::StateMachineAlias'
    ) {
      // A version ARN is its state machine's ARN qualified by the version number (1 here, as
      // for layer versions); an alias ARN by the alias name, its state machine found through the
      // version it routes to. Return values of AWS::StepFunctions::StateMachineVersion / Alias:
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachineversion.html#aws-resource-stepfunctions-statemachineversion-return-values
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachinealias.html#aws-resource-stepfunctions-statemachinealias-return-values
      const qualified = this.guard(`${r.id}.Arn`, span, where, (): string => {
        const at = `Resources.${r.id}.Properties`;
        if (r.type === 'AWS::StepFunctions::StateMachineVersion') {
          const sm = this.stringProperty(r, 'StateMachineArn');
          return sm === undefined ? '' : `${sm}:1`;
        }
        const routes = get(r.properties, 'RoutingConfiguration');
        const version =
          get(get(r.properties, 'DeploymentPreference'), 'StateMachineVersionArn') ??
          (routes?.kind === 'seq' ? get(routes.items[0], 'StateMachineVersionArn') : undefined);
        const versionArn = version ? this.eval(version, at) : undefined;
        if (!versionArn) return '';
        const name = this.stringProperty(r, 'Name') ?? r.id;
        return `${this.asString(versionArn, at).replace(/:[^:]*$/, '')}:${name}`;
      });
      if (qualified) return qualified;
    }
    const format = arnFormatFor(r.type);
    if (!format) {
      const spec = cloudFormationType(r.type)?.arn;
      if (spec) return this.fillSpecArn(r, spec, span, where);
      return this.asString(
        this.placeholder(
          `${r.id}.Arn`,
          `the ARN of ${r.id} cannot be built: the ARN format of ${r.type} is not known`,
          span,
          where,
        ),
        where,
      );
    }
    const name = r.type === 'AWS::KMS::Key' ? r.id : this.resourceName(r, span, where);
    const withPath = /WithPath\}/.test(format);
    const arn = fillArn(format, this.account, name, withPath ? this.pathOf(r, span, where) : '/');
    if (r.type === 'AWS::Logs::LogGroup') return `${arn}:*`;
    if (r.type === 'AWS::Lambda::LayerVersion' || r.type === 'AWS::Serverless::LayerVersion') {
      return arn.replace(/:[^:]*$/, ':1');
    }
    return arn;
  }

  /**
   * An ARN from the specification's template: each identifier variable is the property of that
   * name when the template sets it, else the resource's name (its name property or logical id).
   */
  private fillSpecArn(r: ResourceDef, template: string, span: Span, where: string): string {
    return template.replace(/\$\{([^}]*)\}/g, (_m, v: string) => {
      if (v === 'Partition') return this.account.partition;
      if (v === 'Region') return this.account.region;
      if (v === 'Account') return this.account.accountId;
      const given = get(r.properties, v);
      if (given?.kind === 'scalar' || (given?.kind === 'map' && given.entries.length === 1)) {
        const value = this.guard(`${r.id}.Properties.${v}`, span, where, () =>
          this.eval(given, `Resources.${r.id}.Properties.${v}`),
        );
        if (value?.kind === 'scalar' && value.value !== null) return String(value.value);
      }
      return this.resourceName(r, span, where);
    });
  }

  getAtt(id: string, attr: string, span: Span, where: string): CfnNode {
    const r = this.resources.get(id);
    if (!r) throw this.error(`Fn::GetAtt ${id}.${attr}: no resource named "${id}"`, span, where);
    this.created(r, span, where);
    const str = (value: string): CfnNode => ({ kind: 'scalar', value, span });
    return this.guard(`GetAtt ${id}.${attr}`, span, where, () => {
      const { region, urlSuffix } = this.account;
      switch (`${r.type}.${attr}`) {
        case 'AWS::SQS::Queue.QueueName':
        case 'AWS::SNS::Topic.TopicName':
        case 'AWS::Events::EventBus.Name':
        case 'AWS::StepFunctions::StateMachine.Name':
          return str(this.resourceName(r, span, where));
        case 'AWS::SQS::Queue.QueueUrl':
          return str(this.queueUrl(r, span, where));
        case 'AWS::SNS::Topic.TopicArn':
          return str(this.arnOf(r, span, where));
        case 'AWS::DynamoDB::Table.StreamArn':
          return str(`${this.arnOf(r, span, where)}/stream/1970-01-01T00:00:00.000`);
        case 'AWS::KMS::Key.KeyId':
          return str(r.id);
        case 'AWS::IAM::Role.RoleId':
          return str(`AROA${fakeId(r.id, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`);
        case 'AWS::IAM::User.UserId':
          return str(`AIDA${fakeId(r.id, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`);
        case 'AWS::S3::Bucket.DomainName':
          return str(`${this.resourceName(r, span, where)}.s3.${urlSuffix}`);
        case 'AWS::S3::Bucket.RegionalDomainName':
          return str(`${this.resourceName(r, span, where)}.s3.${region}.${urlSuffix}`);
        case 'AWS::S3::Bucket.WebsiteURL':
          return str(`http://${this.resourceName(r, span, where)}.s3-website-${region}.${urlSuffix}`);
        case 'AWS::CloudFront::CloudFrontOriginAccessIdentity.S3CanonicalUserId':
          return str(fakeId(r.id, 96));
        case 'AWS::CloudFront::CloudFrontOriginAccessIdentity.Id':
          return str(`E${fakeId(r.id, 13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`);
      }
      if (attr === 'Arn' || (attr.endsWith('Arn') && REF_RETURNS_ARN.has(r.type))) {
        return str(this.arnOf(r, span, where));
      }
      const prop = get(r.properties, attr);
      if (prop) {
        const v = this.eval(prop, `Resources.${id}.Properties.${attr}`);
        if (v !== undefined) return { ...v, span };
      }
      const spec = cloudFormationType(SAM_API_TYPES[r.type] ?? r.type);
      if (spec?.ref.length === 1 && spec.ref[0] === attr && /arn$/i.test(attr)) {
        return str(this.arnOf(r, span, where));
      }
      if (attr === 'Name' || attr.endsWith('Name')) return str(this.resourceName(r, span, where));
      if (spec?.ref.length === 1 && spec.ref[0] === attr) return this.refResource(r, span, where);
      const why =
        spec && !isCustomResourceType(r.type) && !spec.attrs.includes(attr)
          ? `Fn::GetAtt ${id}.${attr}: ${r.type} has no attribute ${attr} in the CloudFormation resource specification`
          : `Fn::GetAtt ${id}.${attr}: the value of ${r.type} attribute ${attr} is only known once deployed`;
      return this.placeholder(`${id}.${attr}`, why, span, where);
    });
  }

  private sub(arg: CfnNode, span: Span, where: string): string {
    let text: string;
    let vars: CfnMap | undefined;
    if (arg.kind === 'scalar' && typeof arg.value === 'string') text = arg.value;
    else if (arg.kind === 'seq' && arg.items.length === 2) {
      const t = arg.items[0];
      if (t.kind !== 'scalar' || typeof t.value !== 'string') {
        throw this.error('Fn::Sub needs a string as its first argument', t.span, `${where}[0]`);
      }
      text = t.value;
      const v = arg.items[1];
      if (v.kind !== 'map') throw this.error('Fn::Sub variables must be a mapping', v.span, `${where}[1]`);
      vars = v;
    } else {
      throw this.error('Fn::Sub needs a string or [string, {variables}]', arg.span, where);
    }
    return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      const given = get(vars, name);
      if (given) return this.asString(this.need(given, `${where}[1].${name}`), `${where}[1].${name}`);
      if (PSEUDO.has(name) || this.resources.has(name) || get(this.params, name)) {
        const v = this.ref(name, span, where);
        if (v.kind === 'seq') return v.items.map((i) => this.asString(i, where)).join(',');
        return this.asString(v, where);
      }
      const dot = name.indexOf('.');
      if (dot > 0 && this.resources.has(name.slice(0, dot))) {
        return this.asString(this.getAtt(name.slice(0, dot), name.slice(dot + 1), span, where), where);
      }
      throw this.error(
        `Fn::Sub: unknown variable ${whole}: not a parameter, resource, attribute or variable`,
        span,
        where,
      );
    });
  }

  // ---------------------------------------------------------------- parameters

  param(name: string, span: Span, where: string): CfnNode {
    const cached = this.paramCache.get(name);
    if (cached) {
      if (JSON.stringify(toPlain(cached)).includes('{{UNRESOLVED ')) this.placeholderUses++;
      return { ...cached, span };
    }
    const def = get(this.params, name)!;
    const pwhere = `Parameters.${name}`;
    const typeNode = get(def, 'Type');
    const type = typeNode?.kind === 'scalar' ? String(typeNode.value) : 'String';
    let value = this.options.parameters?.[name];
    if (value === undefined) {
      const d = get(def, 'Default');
      if (d && d.kind === 'scalar' && d.value !== null) value = String(d.value);
      else if (d && d.kind === 'seq') value = d.items.map((i) => this.asString(i, pwhere)).join(',');
    }
    if (value === undefined) {
      const result = this.placeholder(
        `Ref ${name}`,
        `parameter "${name}" has no value (pass --parameters ${name}=VALUE or --template-configuration-file, or give it a Default)`,
        span,
        where,
      );
      const list = type === 'CommaDelimitedList' || /List</.test(type);
      const out: CfnNode = list ? { kind: 'seq', items: [result], span } : result;
      this.paramCache.set(name, out);
      return out;
    }
    const noEcho = toPlain(get(def, 'NoEcho') ?? fromPlain(false, def.span));
    const shown = noEcho === true || noEcho === 'true' ? '****' : JSON.stringify(value);
    const allowed = get(def, 'AllowedValues');
    if (allowed?.kind === 'seq' && !type.includes('List')) {
      const ok = allowed.items.some((i) => i.kind === 'scalar' && String(i.value) === value);
      if (!ok)
        throw this.error(
          `parameter "${name}": value ${shown} is not one of its AllowedValues`,
          def.span,
          pwhere,
        );
    }
    let result: CfnNode;
    const ssm = /^AWS::SSM::Parameter::Value<(.*)>$/.exec(type);
    if (ssm) {
      const resolved = this.options.ssmParameters?.[value];
      if (resolved === undefined) {
        // cfn-policy-validator uses the passed value (the SSM parameter's name) as the value.
        this.warn(
          `parameter "${name}" (${type}): SSM parameter "${value}" cannot be read offline, so its name is used as the value, as cfn-policy-validator does (pass --ssm-parameters ${value}=VALUE for the real one)`,
          span,
          where,
          'note',
        );
      } else value = resolved;
    }
    const isList =
      type === 'CommaDelimitedList' || /^List</.test(type) || /^List<|<List</.test(ssm?.[1] ?? '');
    if (isList) {
      result = {
        kind: 'seq',
        items: value.split(',').map((v) => ({ kind: 'scalar', value: v.trim(), span: def.span })),
        span: def.span,
      };
    } else {
      result = { kind: 'scalar', value, span: def.span };
    }
    this.paramCache.set(name, result);
    return { ...result, span };
  }

  // ---------------------------------------------------------------- conditions

  condition(name: string, span: Span, where: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const def = get(this.conditions, name);
    if (!def) throw this.error(`no condition named "${name}" in Conditions`, span, where);
    const value = this.guard(`Conditions.${name}`, span, where, () =>
      this.conditionExpr(def, `Conditions.${name}`),
    );
    this.conditionCache.set(name, value);
    return value;
  }

  private conditionExpr(node: CfnNode, where: string): boolean {
    if (node.kind === 'map' && node.entries.length === 1) {
      const [{ key, value }] = node.entries;
      if (key === 'Condition')
        return this.condition(this.literalName(value, 'Condition', where), value.span, where);
      if (key === 'Fn::Equals' || key === 'Fn::And' || key === 'Fn::Or' || key === 'Fn::Not') {
        return this.conditionFn(key, value, `${where}.${key}`);
      }
    }
    const v = this.need(node, where);
    if (v.kind === 'scalar' && (v.value === true || v.value === 'true')) return true;
    if (v.kind === 'scalar' && (v.value === false || v.value === 'false')) return false;
    throw this.error(
      'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or a Condition',
      node.span,
      where,
    );
  }

  private conditionFn(fn: string, arg: CfnNode, where: string): boolean {
    if (fn === 'Fn::Equals') {
      const [a, b] = this.args(arg, 2, 2, fn, where).map((n, i) => this.need(n, `${where}[${i}]`));
      const [x, y] = [JSON.stringify(normalize(toPlain(a))), JSON.stringify(normalize(toPlain(b)))];
      if (x.includes('{{UNRESOLVED ') || y.includes('{{UNRESOLVED ')) {
        this.warn('Fn::Equals compares a value not known offline; taken as false', arg.span, where);
        return false;
      }
      return x === y;
    }
    if (fn === 'Fn::Not') {
      const [a] = this.args(arg, 1, 1, fn, where);
      return !this.conditionExpr(a, `${where}[0]`);
    }
    const items = this.args(arg, 2, 10, fn, where);
    const values = items.map((n, i) => this.conditionExpr(n, `${where}[${i}]`));
    return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
  }

  // ---------------------------------------------------------------- mappings, dynamic references

  private findInMap(arg: CfnNode, span: Span, where: string): CfnNode {
    const a = this.args(arg, 3, 4, 'Fn::FindInMap', where);
    const keys = a.slice(0, 3).map((n, i) => this.asString(this.need(n, `${where}[${i}]`), `${where}[${i}]`));
    const found = get(get(get(this.mappings, keys[0]), keys[1]), keys[2]);
    if (found) return this.need(found, `Mappings.${keys.join('.')}`);
    const dflt = a[3] ? get(a[3], 'DefaultValue') : undefined;
    if (dflt) return this.need(dflt, `${where}[3].DefaultValue`);
    throw this.error(`Fn::FindInMap: Mappings has no ${keys.join(' > ')}`, span, where);
  }

  private dynamicRefs(text: string, span: Span, where: string): string {
    if (!text.includes('{{resolve:ssm:')) return text;
    return text.replace(
      /\{\{resolve:ssm:([^:}]+)(?::(\d+))?\}\}/g,
      (whole, name: string, version?: string) => {
        if (!version && !this.options.allowDynamicRefWithoutVersion) {
          throw this.error(
            `dynamic reference ${whole} has no version: pin one (name:version) or pass --allow-dynamic-ref-without-version`,
            span,
            where,
          );
        }
        const key = version ? `${name}:${version}` : name;
        const value = this.options.ssmParameters?.[key] ?? this.options.ssmParameters?.[name];
        if (value === undefined) {
          return this.asString(
            this.placeholder(
              `resolve:ssm:${key}`,
              `dynamic reference ${whole}: SSM parameters cannot be read offline (pass --ssm-parameters ${key}=VALUE)`,
              span,
              where,
            ),
            where,
          );
        }
        return value;
      },
    );
  }
}

function normalize(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(normalize);
  return v;
}

/**
 * `Fn::Cidr`: `count` consecutive subnets of `bits` host bits inside `block`.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html
 */
export function cidrSubnets(block: string, count: number, bits: number): string[] | undefined {
  const m = /^([^/]+)\/(\d+)$/.exec(block);
  if (!m || !Number.isInteger(count) || !Number.isInteger(bits) || count < 1 || count > 256) return undefined;
  const v6 = m[1].includes(':');
  const width = v6 ? 128 : 32;
  const prefix = Number(m[2]);
  const base = v6 ? parseV6(m[1]) : parseV4(m[1]);
  const newPrefix = width - bits;
  if (base === undefined || prefix > width || bits < 1 || newPrefix < prefix) return undefined;
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix)) return undefined;
  const size = 1n << BigInt(bits);
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - prefix)) - 1n);
  const start = base & mask;
  const out: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    const addr = start + i * size;
    out.push(`${v6 ? formatV6(addr) : formatV4(addr)}/${newPrefix}`);
  }
  return out;
}

function parseV4(s: string): bigint | undefined {
  const p = s.split('.');
  if (p.length !== 4 || p.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return undefined;
  return p.reduce((acc, x) => (acc << 8n) + BigInt(x), 0n);
}

function formatV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

function parseV6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = 8 - head.length - tail.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(`0x${g}`), 0n);
}

function formatV6(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7n; i >= 0n; i--) groups.push(((n >> (i * 16n)) & 0xffffn).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}
