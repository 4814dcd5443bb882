// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written as literal ${...} text
/**
 * The soundness harness (issue 9, item 4): random policies over every condition operator family,
 * with the literals that broke proofs before (fractional epochs, zone-less and offset dates,
 * IPv4 / IPv6 / IPv4-mapped CIDRs incl. /0 and /128, numeric forms, wildcards, policy variables,
 * `${*}` escapes, NotAction / NotResource, Deny with NotPrincipal, IfExists, set operators on
 * empty and missing keys), and random requests whose values sit on and around those literals.
 *
 * For every check the reasoner answers:
 * - PASS: no generated request contradicts it in the concrete evaluator;
 * - FAIL: the counterexample replays in the evaluator, independently of the reasoner's replay.
 * A disagreement is recorded with its policies and request; UNKNOWN answers are counted.
 *
 * Used by test/reason/soundness.test.ts (fixed seed, time budget, UTC and Asia/Kolkata) and by
 * bench/reason-soundness.ts (long runs).
 */
import fc from 'fast-check';
import { evaluate } from '../../../src/evaluate/index.js';
import type { PolicyDocument } from '../../../src/policy/model.js';
import { parsePolicyValue } from '../../../src/policy/parse.js';
import {
  type CheckResult,
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
} from '../../../src/reason/index.js';

type Ctx = Record<string, string | string[]>;
export interface Req {
  principal: string;
  action: string;
  resource: string;
  context: Ctx;
}

const doc = (statements: unknown[]) => parsePolicyValue({ Version: '2012-10-17', Statement: statements });

// --- literals per family: policy values and the request values around them ---------------------

const DATE_KEY = 'aws:CurrentTime';
const DATES = [
  '1700000000.5',
  '1700000000',
  '2024-01-01T10:00',
  '2024-01-01T11:00',
  '2024-01-01T10:00:00+05:30',
  '2024-01-01',
  '2023-12-31T23:59:59.999Z',
];
const DATE_REQUESTS = [
  '1700000000.4',
  '1700000000.5',
  '1700000000.6',
  '2023-11-14T22:13:20Z',
  '2023-11-14T22:13:20.500Z',
  '2024-01-01T10:00:00Z',
  '2024-01-01T09:59:59Z',
  '2024-01-01T10:30:00Z',
  '2024-01-01T04:30:00Z',
  '2024-01-01T04:30:00.001Z',
  '2024-01-01T00:00:00Z',
  '2023-12-31T23:59:59.999Z',
  '2024-06-01T00:00:00Z',
  'yesterday',
];
const DATE_OPS = [
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
];

const NUM_KEY = 's3:max-keys';
const NUMS = ['10', '10.0', '-1', '.5', '+3', '1e3', '3'];
const NUM_REQUESTS = ['10', '10.0', '9.99', '11', '-1', '-2', '0.5', '0.4', '3', '+3', 'abc', '1e3', '1000'];
const NUM_OPS = [
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
];

const IP_KEY = 'aws:SourceIp';
const CIDRS = [
  '10.0.0.0/8',
  '::ffff:10.0.0.0/104',
  '0.0.0.0/0',
  '::/0',
  '2001:db8::1/128',
  '10.1.2.3',
  '10.1.0.0/16',
];
const IP_REQUESTS = [
  '10.0.0.1',
  '10.1.2.3',
  '10.1.9.9',
  '11.0.0.1',
  '::ffff:10.0.0.1',
  '::ffff:11.0.0.1',
  '2001:db8::1',
  '2001:db8::2',
  '192.0.2.1',
  'not-an-ip',
];

const BOOL_KEY = 'aws:SecureTransport';
const BOOLS = ['true', 'false', 'TRUE'];
const BOOL_REQUESTS = ['true', 'false', 'True', 'maybe'];

const BIN_KEY = 'aws:BinaryThing';
const BINS = ['QUJD', 'QUJDRA=='];
const BIN_REQUESTS = ['QUJD', 'QUJDRA==', 'QUJDRA', 'eHl6', '!!'];

const STR_KEY = 's3:prefix';
const STRINGS = ['home/*', 'home/${aws:username}/*', 'a${*}b', 'tmp/', '', 'Home/*', 'h?me/*'];
const STR_REQUESTS = ['home/a', 'home/alice/x', 'a*b', 'axb', 'tmp/', '', 'HOME/a', 'hame/z', 'x'];
const STR_OPS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
];

const ARN_KEY = 'aws:SourceArn';
const ARNS = ['arn:aws:sns:*:111122223333:t*', 'arn:aws:sns:us-east-1:111122223333:topic', 'arn:aws:s3:::b*'];
const ARN_REQUESTS = [
  'arn:aws:sns:us-east-1:111122223333:topic',
  'arn:aws:sns:eu-west-1:111122223333:t2',
  'arn:aws:sns:us-east-1:444455556666:topic',
  'arn:aws:s3:::bucket',
  'arn:aws:s3:::c',
  'not-an-arn',
];
const ARN_OPS = ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'];

const TAG_KEY = 'aws:TagKeys';
const TAGS = ['a', 'b', 'a*', ''];

const SUFFIXES = ['', '', 'IfExists'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const values = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1, maxLength: 2 });

const conditionArb: fc.Arbitrary<Record<string, Record<string, unknown>>> = fc.oneof(
  fc
    .tuple(pick(DATE_OPS), pick(SUFFIXES), values(DATES))
    .map(([op, s, v]) => ({ [op + s]: { [DATE_KEY]: v } })),
  fc.tuple(pick(NUM_OPS), pick(SUFFIXES), values(NUMS)).map(([op, s, v]) => ({ [op + s]: { [NUM_KEY]: v } })),
  fc
    .tuple(pick(['IpAddress', 'NotIpAddress']), pick(SUFFIXES), values(CIDRS))
    .map(([op, s, v]) => ({ [op + s]: { [IP_KEY]: v } })),
  fc.tuple(pick(SUFFIXES), pick(BOOLS)).map(([s, v]) => ({ [`Bool${s}`]: { [BOOL_KEY]: v } })),
  fc.tuple(pick(SUFFIXES), values(BINS)).map(([s, v]) => ({ [`BinaryEquals${s}`]: { [BIN_KEY]: v } })),
  fc
    .tuple(pick(STR_OPS), pick(SUFFIXES), values(STRINGS))
    .map(([op, s, v]) => ({ [op + s]: { [STR_KEY]: v } })),
  fc.tuple(pick(ARN_OPS), pick(SUFFIXES), values(ARNS)).map(([op, s, v]) => ({ [op + s]: { [ARN_KEY]: v } })),
  fc
    .tuple(pick(['Null']), pick([DATE_KEY, IP_KEY, STR_KEY, TAG_KEY]), pick(['true', 'false']))
    .map(([op, k, v]) => ({ [op]: { [k]: v } })),
  fc
    .tuple(
      pick(['ForAllValues:', 'ForAnyValue:']),
      pick(['StringEquals', 'StringLike', 'StringNotEquals']),
      pick(SUFFIXES),
      values(TAGS),
    )
    .map(([q, op, s, v]) => ({ [q + op + s]: { [TAG_KEY]: v } })),
);

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:Get*', 's3:*', '*', 'sqs:SendMessage', 's3:?etObject'];
const RESOURCES = [
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::b/x',
  'arn:aws:s3:::c*',
  'arn:aws:s3:::a${*}b',
  'arn:aws:sqs:us-east-1:111122223333:q',
  'arn:aws:s3:::home/${aws:username}/*',
];
const IAM_PRINCIPALS = [
  'arn:aws:iam::111122223333:role/admin',
  'arn:aws:iam::111122223333:user/alice',
  'arn:aws:iam::444455556666:user/alice',
  'arn:aws:sts::111122223333:assumed-role/admin/s',
];
const PRINCIPAL_BLOCKS: unknown[] = [
  '*',
  { AWS: '111122223333' },
  { AWS: 'arn:aws:iam::111122223333:role/admin' },
  { AWS: ['arn:aws:iam::444455556666:user/alice', '111122223333'] },
  { Service: 'sns.amazonaws.com' },
];

const statementArb = fc.record({
  Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
  notAction: fc.boolean(),
  actions: fc.subarray(ACTIONS, { minLength: 1, maxLength: 2 }),
  notResource: fc.boolean(),
  resources: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
  conditions: fc.array(conditionArb, { maxLength: 2 }),
  principal: fc.constantFrom(...PRINCIPAL_BLOCKS),
  notPrincipal: fc.boolean(),
});
type StatementSpec = typeof statementArb extends fc.Arbitrary<infer T> ? T : never;

function statement(s: StatementSpec, resourcePolicy: boolean): Record<string, unknown> {
  const condition: Record<string, Record<string, unknown>> = {};
  for (const c of s.conditions)
    for (const [op, kv] of Object.entries(c)) condition[op] = { ...(condition[op] ?? {}), ...kv };
  // NotAction / NotResource only where they do not grant everything else by accident too often.
  const notAction = s.notAction && s.Effect === 'Deny';
  const notResource = s.notResource && s.resources[0] !== '*';
  const out: Record<string, unknown> = {
    Effect: s.Effect,
    [notAction ? 'NotAction' : 'Action']: s.actions,
    [notResource ? 'NotResource' : 'Resource']: s.resources,
  };
  if (resourcePolicy) {
    const not = s.notPrincipal && s.Effect === 'Deny' && s.principal !== '*';
    out[not ? 'NotPrincipal' : 'Principal'] = s.principal;
  }
  if (Object.keys(condition).length > 0) out.Condition = condition;
  return out;
}

export const policyArb = (resourcePolicy: boolean) =>
  fc
    .array(statementArb, { minLength: 1, maxLength: 3 })
    .map((sts) => sts.map((s) => statement(s, resourcePolicy)));

export const contextArb: fc.Arbitrary<Ctx> = fc.record(
  {
    [DATE_KEY]: pick(DATE_REQUESTS),
    [NUM_KEY]: pick(NUM_REQUESTS),
    [IP_KEY]: pick(IP_REQUESTS),
    [BOOL_KEY]: pick(BOOL_REQUESTS),
    [BIN_KEY]: pick(BIN_REQUESTS),
    [STR_KEY]: pick(STR_REQUESTS),
    [ARN_KEY]: pick(ARN_REQUESTS),
    [TAG_KEY]: fc.subarray(['a', 'ab', 'b', 'c', '']),
  },
  { requiredKeys: [] },
);

const requestArb = (principals: readonly string[]) =>
  fc.record({
    principal: pick(principals),
    action: pick([
      's3:GetObject',
      's3:PutObject',
      's3:GetBucketAcl',
      'sqs:SendMessage',
      'ec2:RunInstances',
      's3:setObject',
    ]),
    resource: pick([
      'arn:aws:s3:::home/alice/x',
      'arn:aws:s3:::b/x',
      'arn:aws:s3:::b/y',
      'arn:aws:s3:::cat',
      'arn:aws:s3:::a*b',
      'arn:aws:s3:::axb',
      'arn:aws:s3:::d',
      'arn:aws:sqs:us-east-1:111122223333:q',
    ]),
    context: contextArb,
  });

// --- independent replays -----------------------------------------------------------------------

const ALLOW_ALL = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);

/** The identity policy alone decides: the resource is in the principal's account, which its policy trusts. */
export function identityDecision(policy: PolicyDocument, request: Req): string {
  const account = /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(request.principal)?.[1];
  if (!account) return 'NotApplicable';
  return evaluate({
    request,
    resourceAccount: account,
    policies: {
      identity: [{ document: policy }],
      resource: {
        document: doc([{ Effect: 'Allow', Principal: { AWS: account }, Action: '*', Resource: '*' }]),
      },
    },
  }).decision;
}

/** The resource policy alone decides a cross-account request whose identity side allows everything. */
export function resourceDecision(
  policy: PolicyDocument,
  request: Req,
  resourceAccount = '999988887777',
): string {
  return evaluate({
    request,
    resourceAccount,
    policies: { resource: { document: policy }, identity: [{ document: ALLOW_ALL }] },
  }).decision;
}

// --- the run -----------------------------------------------------------------------------------

export type CheckKind =
  | 'no-new-access/identity'
  | 'no-new-access/resource'
  | 'access-not-granted'
  | 'no-public-access';
export const CHECK_KINDS: CheckKind[] = [
  'no-new-access/identity',
  'no-new-access/resource',
  'access-not-granted',
  'no-public-access',
];

export interface Disagreement {
  check: CheckKind | `sets/${string}`;
  answer: string;
  policies: unknown[];
  request?: Req;
  detail: string;
}

export interface SoundnessReport {
  /** Which harness: single policies, or whole policy sets (sets.ts). */
  kind?: 'policies' | 'sets';
  queries: number;
  /** (policy, request) pairs checked against the evaluator, counterexample replays included. */
  cases: number;
  answers: Record<'PASS' | 'FAIL' | 'UNKNOWN', number>;
  disagreements: Disagreement[];
  millis: number;
  /** Per check (the set harness): queries, cases and the findings analyze reported. */
  byCheck?: Record<string, { queries: number; cases: number; findings?: number; blocked?: number }>;
}

export interface SoundnessOptions {
  seed: number;
  /** Stop starting queries after this many milliseconds. */
  budgetMs: number;
  maxQueries?: number;
  /** Queries run whatever the budget (so a slow machine still checks a fixed, seeded set). */
  minQueries?: number;
  /** Stop once this many (policy, request) cases have been checked. */
  stopAtCases?: number;
  requestsPerQuery: number;
  timeoutMs?: number;
  onProgress?: (r: SoundnessReport) => void;
}

// Public requests: anonymous, or from an account no generated policy names; scoping keys absent
// or holding values no policy names (the definition of check-no-public-access, docs/reasoning.md).
export const PUBLIC_PRINCIPALS = [
  '*',
  'arn:aws:iam::777788889999:role/x',
  'arn:aws:sts::777788889999:assumed-role/x/s',
];

export function stripForPublic(q: Req): Req {
  const context: Ctx = {};
  for (const [k, v] of Object.entries(q.context)) if (k !== ARN_KEY) context[k] = v;
  return { ...q, context };
}

export async function runSoundness(options: SoundnessOptions): Promise<SoundnessReport> {
  const started = performance.now();
  const report: SoundnessReport = {
    queries: 0,
    cases: 0,
    answers: { PASS: 0, FAIL: 0, UNKNOWN: 0 },
    disagreements: [],
    millis: 0,
  };
  const identityPolicies = policyArb(false);
  const resourcePolicies = policyArb(true);
  const accessArb = fc.record({
    actions: fc.subarray(['s3:GetObject', 's3:PutObject', 'sqs:*', 's3:Delete*'], {
      minLength: 1,
      maxLength: 2,
    }),
    resources: fc.option(
      fc.subarray(['arn:aws:s3:::b/*', 'arn:aws:s3:::home/*', '*'], { minLength: 1, maxLength: 2 }),
      {
        nil: undefined,
      },
    ),
  });
  const timeoutMs = options.timeoutMs ?? 10000;
  const disagree = (d: Disagreement) => {
    if (report.disagreements.length < 50) report.disagreements.push(d);
  };
  for (let i = 0; ; i++) {
    if (options.maxQueries !== undefined && i >= options.maxQueries) break;
    const due = i >= (options.minQueries ?? 0);
    if (due && performance.now() - started > options.budgetMs) break;
    if (due && options.stopAtCases !== undefined && report.cases >= options.stopAtCases) break;
    const seed = options.seed + i;
    const check = CHECK_KINDS[i % CHECK_KINDS.length];
    const resourceSide =
      check !== 'no-new-access/identity' && check !== 'access-not-granted' ? true : i % 8 === 2;
    const [a, b] = fc.sample(resourceSide ? resourcePolicies : identityPolicies, { seed, numRuns: 2 });
    const principals =
      check === 'no-public-access'
        ? PUBLIC_PRINCIPALS
        : resourceSide
          ? [...IAM_PRINCIPALS, '*', 'sns.amazonaws.com']
          : IAM_PRINCIPALS;
    const requests = fc.sample(requestArb(principals), {
      seed: seed * 7 + 1,
      numRuns: options.requestsPerQuery,
    });
    const A = doc(a);
    const B = doc(b);
    const decide = resourceSide ? resourceDecision : identityDecision;
    const policyType = resourceSide ? 'RESOURCE_POLICY' : 'IDENTITY_POLICY';
    let r: CheckResult;
    try {
      if (check === 'no-new-access/identity' || check === 'no-new-access/resource') {
        r = await checkNoNewAccess(A, B, { policyType, timeoutMs });
      } else if (check === 'access-not-granted') {
        const [access] = fc.sample(accessArb, { seed, numRuns: 1 });
        const spec = {
          actions: access.actions,
          ...(access.resources ? { resources: access.resources } : {}),
        };
        r = await checkAccessNotGranted(A, spec, { policyType, timeoutMs });
        (r as CheckResult & { access?: typeof spec }).access = spec;
      } else {
        r = await checkNoPublicAccess(A, { resourceType: 'AWS::S3::Bucket', timeoutMs });
      }
    } catch (error) {
      disagree({ check, answer: 'ERROR', policies: [a, b], detail: String(error) });
      report.queries++;
      continue;
    }
    report.queries++;
    report.answers[r.result]++;
    const policies = check === 'no-new-access/identity' || check === 'no-new-access/resource' ? [a, b] : [a];
    if (r.result === 'UNKNOWN') continue;
    if (r.result === 'FAIL') {
      const q = r.counterexample!.request as Req;
      report.cases++;
      const replay = (p: PolicyDocument) =>
        resourceSide ? resourceDecision(p, q, r.counterexample!.resourceAccount) : decide(p, q);
      const newOk = replay(A) === 'Allowed';
      const oldOk = check.startsWith('no-new-access') ? replay(B) !== 'Allowed' : true;
      if (!newOk || !oldOk)
        disagree({ check, answer: 'FAIL', policies, request: q, detail: 'counterexample does not replay' });
      continue;
    }
    // PASS: no generated request may contradict it.
    const access = (r as CheckResult & { access?: { actions: string[]; resources?: string[] } }).access;
    for (const raw of requests) {
      // check-no-public-access is asked for a bucket policy: only S3 actions are in question.
      if (check === 'no-public-access' && !raw.action.startsWith('s3:')) continue;
      const q = check === 'no-public-access' ? stripForPublic(raw as Req) : (raw as Req);
      report.cases++;
      if (decide(A, q) !== 'Allowed') continue;
      let contradicts: boolean;
      if (check.startsWith('no-new-access')) contradicts = decide(B, q) !== 'Allowed';
      else if (check === 'access-not-granted') contradicts = inAccess(q, access!);
      else contradicts = true;
      if (contradicts)
        disagree({
          check,
          answer: 'PASS',
          policies,
          request: q,
          detail: 'a generated request contradicts the PASS',
        });
    }
    if (options.onProgress && i % 50 === 49)
      options.onProgress({ ...report, millis: performance.now() - started });
  }
  report.millis = performance.now() - started;
  return report;
}

export function inAccess(q: Req, access: { actions: string[]; resources?: string[] }): boolean {
  // The access spec's own matching is the evaluator's: a policy allowing exactly the listed access.
  const probe = doc([{ Effect: 'Allow', Action: access.actions, Resource: access.resources ?? '*' }]);
  return (
    identityDecision(probe, q) === 'Allowed' ||
    resourceDecision(
      doc([{ Effect: 'Allow', Principal: '*', Action: access.actions, Resource: access.resources ?? '*' }]),
      q,
    ) === 'Allowed'
  );
}
