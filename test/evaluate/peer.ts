// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is IAM policy variable syntax, not a JS template
/**
 * Random scenarios (fast-check) in leastpriv's shape and in @cloud-copilot/iam-simulate's, for
 * the differential test. Kept to what both tools model: identity policies, a resource policy,
 * a permissions boundary, SCP levels; IAM users and role sessions in two accounts; S3 and SQS.
 */
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { evaluate, prepareRequest, type Scenario } from '../../src/evaluate/index.js';
import { readScenarios } from '../../src/sources/scenario.js';

type Json = Record<string, unknown>;
export const A = '111122223333';
export const B = '444455556666';

const principals = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:user/bob`,
  `arn:aws:sts::${A}:assumed-role/Dev/s1`,
  `arn:aws:iam::${B}:user/carol`,
  `arn:aws:sts::${B}:assumed-role/Ops/s2`,
  `arn:aws:iam::${A}:root`,
  `arn:aws:sts::${A}:federated-user/fed`,
];
const actions = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'sqs:SendMessage', 'sqs:ReceiveMessage'];
// Resources of the type each action acts on (the peer refuses other pairs).
const objects = ['arn:aws:s3:::data/a.txt', 'arn:aws:s3:::data/team/b.txt', 'arn:aws:s3:::other/c.txt'];
const queues = [`arn:aws:sqs:us-east-1:${A}:jobs`, `arn:aws:sqs:us-east-1:${B}:jobs`];
const resourcesFor: Record<string, string[]> = {
  's3:GetObject': objects,
  's3:PutObject': objects,
  's3:ListBucket': ['arn:aws:s3:::data', 'arn:aws:s3:::other'],
  'sqs:SendMessage': queues,
  'sqs:ReceiveMessage': queues,
};
const actionPatterns = [
  's3:*',
  's3:Get*',
  's3:GetObject',
  's3:PutObject',
  'sqs:*',
  'sqs:Send*',
  '*',
  's3:List*',
];
const resourcePatterns = [
  '*',
  'arn:aws:s3:::data/*',
  'arn:aws:s3:::data',
  'arn:aws:s3:::*/team/*',
  'arn:aws:s3:::other/*',
  `arn:aws:sqs:*:${A}:*`,
  'arn:aws:sqs:us-east-1:*:jobs',
  'arn:aws:s3:::data/${aws:username}*',
];
const principalPatterns = [
  '*',
  A,
  B,
  `arn:aws:iam::${A}:root`,
  `arn:aws:iam::${B}:root`,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${B}:user/carol`,
  `arn:aws:iam::${A}:role/Dev`,
  `arn:aws:sts::${A}:assumed-role/Dev/s1`,
];
const conditions: Array<Json | undefined> = [
  undefined,
  { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
  { StringLike: { 'aws:PrincipalTag/team': 'r*' } },
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'red' } },
  { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:*` } },
  { StringNotEquals: { 'aws:PrincipalAccount': A } },
  { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } },
];

const oneOrMany = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));

function statementArb(resourceBased: boolean): fc.Arbitrary<Json> {
  return fc
    .record({
      effect: fc.constantFrom('Allow', 'Deny'),
      notAction: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
      action: oneOrMany(fc.constantFrom(...actionPatterns)),
      notResource: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
      resource: oneOrMany(fc.constantFrom(...resourcePatterns)),
      principal: oneOrMany(fc.constantFrom(...principalPatterns)),
      notPrincipal: fc.boolean(),
      condition: fc.constantFrom(...conditions),
    })
    .map((s) => {
      const st: Json = { Effect: s.effect };
      st[s.notAction ? 'NotAction' : 'Action'] = s.action;
      st[s.notResource ? 'NotResource' : 'Resource'] = s.resource;
      if (resourceBased) {
        const useNot = s.notPrincipal && s.effect === 'Deny';
        st[useNot ? 'NotPrincipal' : 'Principal'] = s.principal === '*' ? '*' : { AWS: s.principal };
      }
      if (s.condition) st.Condition = s.condition;
      return st;
    });
}

const doc = (resourceBased: boolean) =>
  fc
    .array(statementArb(resourceBased), { minLength: 1, maxLength: 3 })
    .map((Statement) => ({ Version: '2012-10-17', Statement }));

export const scenarioArb: fc.Arbitrary<Json> = fc
  .record({
    principal: fc.constantFrom(...principals),
    action: fc.constantFrom(...actions),
    pick: fc.nat(),
    identity: fc.array(doc(false), { minLength: 0, maxLength: 2 }),
    resourcePolicy: fc.option(doc(true), { nil: undefined }),
    boundary: fc.option(doc(false), { nil: undefined }),
    session: fc.option(doc(false), { nil: undefined, freq: 4 }),
    scps: fc.option(
      fc.array(fc.array(doc(false), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 }),
      {
        nil: undefined,
      },
    ),
    region: fc.constantFrom('us-east-1', 'eu-west-1'),
    team: fc.option(fc.constantFrom('red', 'blue'), { nil: undefined }),
    secure: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
    tagKeys: fc.option(fc.subarray(['a', 'b', 'c']), { nil: undefined }),
  })
  .map((g) => {
    const choices = resourcesFor[g.action];
    const resource = choices[g.pick % choices.length];
    const context: Json = { 'aws:RequestedRegion': g.region };
    if (g.team) context['aws:PrincipalTag/team'] = g.team;
    if (g.secure) context['aws:SecureTransport'] = g.secure;
    if (g.tagKeys) context['aws:TagKeys'] = g.tagKeys;
    const policies: Json = { identity: g.identity };
    // A resource policy belongs to the resource: S3 buckets (account unknown from the ARN) are in A.
    if (g.resourcePolicy) policies.resource = g.resourcePolicy;
    if (g.boundary) policies.permissionBoundary = g.boundary;
    // Session policies exist only for sessions (the peer refuses them for other principals).
    if (g.session && /:(assumed-role|federated-user)\//.test(g.principal)) policies.sessionPolicy = g.session;
    if (g.scps) policies.scps = g.scps;
    const resourceAccount = resource.split(':')[4] || A;
    return {
      request: { principal: g.principal, action: g.action, resource, context },
      resourceAccount,
      policies,
    };
  });

/** The same scenario in the peer's input shape, with the context keys leastpriv derives from the principal. */
export function toPeer(s: Json): Simulation {
  const req = s.request as Json;
  const pol = s.policies as Json;
  const effective = prepareRequest(req as unknown as Scenario['request']).contextObject.toJSON();
  const ctx: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(effective)) ctx[k] = Array.isArray(v) ? v.map(String) : String(v);
  const levels = (l: unknown) =>
    ((l as unknown[][]) ?? []).map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `ou-level${i}`,
      policies: level.map((p, j) => ({ name: `p${i}${j}`, policy: p })),
    }));
  return {
    request: {
      principal: req.principal as string,
      action: req.action as string,
      resource: { resource: req.resource as string, accountId: s.resourceAccount as string },
      contextVariables: ctx,
    },
    identityPolicies: ((pol.identity as unknown[]) ?? []).map((p, i) => ({ name: `id${i}`, policy: p })),
    serviceControlPolicies: levels(pol.scps),
    resourceControlPolicies: [],
    resourcePolicy: pol.resource ?? undefined,
    permissionBoundaryPolicies: pol.permissionBoundary
      ? [{ name: 'pb', policy: pol.permissionBoundary }]
      : undefined,
    sessionPolicy: pol.sessionPolicy ?? undefined,
  };
}

export interface Comparison {
  ours: string;
  theirs: string;
  scenario: Json;
}

/** Both decisions for one scenario; undefined when the peer refuses the input. */
export async function compare(s: Json): Promise<Comparison | undefined> {
  const peer = await runSimulation(toPeer(s), {});
  if (peer.resultType !== 'single') return undefined;
  const o = String(peer.overallResult);
  const theirs = o === 'Allowed' ? 'Allowed' : o === 'ExplicitlyDenied' ? 'ExplicitDeny' : 'ImplicitDeny';
  const scenario = readScenarios(JSON.stringify(s)).scenarios[0];
  return { ours: evaluate(scenario).decision, theirs, scenario: s };
}

type Statement = Json & { NotPrincipal?: unknown; NotResource?: unknown; Principal?: unknown };

function withoutStatements(s: Json, drop: (st: Statement, kind: string) => boolean): Json {
  const copy = structuredClone(s);
  const pol = copy.policies as Json;
  const strip = (d: unknown, kind: string) => {
    const doc = d as { Statement: Statement[] } | undefined;
    if (doc) doc.Statement = doc.Statement.filter((st) => !drop(st, kind));
  };
  for (const d of (pol.identity as unknown[]) ?? []) strip(d, 'identity');
  strip(pol.resource, 'resource');
  strip(pol.permissionBoundary, 'boundary');
  strip(pol.sessionPolicy, 'session');
  for (const level of (pol.scps as unknown[][]) ?? []) for (const d of level) strip(d, 'scp');
  return copy;
}

const hasVariable = (v: unknown) => JSON.stringify(v ?? '').includes('${');
const principalOf = (s: Json) => (s.request as Json).principal as string;

/**
 * The documented departures of the peer: rules of the AWS documentation leastpriv follows and the
 * peer does not (the differential test gives each judgement). Each `neutralize` rewrites a
 * scenario so that the rule no longer comes into play; a disagreement belongs to the departures
 * whose neutralizing makes the two tools agree.
 */
export const DEPARTURES: Array<{ name: string; neutralize: (s: Json) => Json }> = [
  {
    name: 'NotPrincipal chain (account, then user/role, then session)',
    neutralize: (s) => withoutStatements(s, (st) => st.NotPrincipal !== undefined),
  },
  {
    name: 'unresolvable variable in NotResource',
    neutralize: (s) => withoutStatements(s, (st) => hasVariable(st.NotResource)),
  },
  {
    name: 'same-account resource policy naming the session or * grants directly',
    neutralize: (s) =>
      withoutStatements(
        s,
        (st, kind) =>
          kind === 'resource' &&
          st.Effect === 'Allow' &&
          (st.Principal === '*' || /"\*"|:sts::/.test(JSON.stringify(st.Principal ?? ''))),
      ),
  },
  {
    name: 'federated user without a session policy has no permissions',
    neutralize: (s) => {
      const copy = structuredClone(s);
      const pol = copy.policies as Json;
      if (principalOf(s).includes(':federated-user/') && !pol.sessionPolicy) {
        pol.sessionPolicy = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        };
      }
      return copy;
    },
  },
];

export const ROOT_CLASS = 'the root user: full access in its account, no boundary or session policy';

/** The departures explaining a disagreement (joined by " + "), or undefined when none does. */
export async function classify(c: Comparison): Promise<string | undefined> {
  // The peer evaluates the root user like an IAM user (identity policies must allow, boundaries
  // apply); AWS gives the root user full access to its account's resources, and no permissions
  // boundary or session policy can be attached to it.
  if (/^arn:aws:iam::\d{12}:root$/.test(principalOf(c.scenario))) return ROOT_CLASS;
  // One departure alone first; then several together.
  for (const d of DEPARTURES) {
    const next = d.neutralize(c.scenario);
    if (JSON.stringify(next) === JSON.stringify(c.scenario)) continue;
    const again = await compare(next);
    if (again && again.ours === again.theirs) return d.name;
  }
  let s = c.scenario;
  const used: string[] = [];
  for (const d of DEPARTURES) {
    const next = d.neutralize(s);
    if (JSON.stringify(next) === JSON.stringify(s)) continue;
    s = next;
    used.push(d.name);
    const again = await compare(s);
    if (again && again.ours === again.theirs) return used.join(' + ');
  }
  return undefined;
}
