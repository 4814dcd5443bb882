/**
 * The soundness harness for proofs over whole policy sets (src/reason/combined.ts): random sets of
 * identity policies, a permissions boundary, a session policy, SCP levels, RCP levels and a
 * resource policy, built from the single-policy harness's random policies (every condition
 * operator family, variables, NotAction / NotResource / NotPrincipal), in a random resource
 * account, sometimes with an organization whose management account is that account; random
 * requests from every kind of principal (roles, users, sessions, root, federated users,
 * service-linked roles, services, anonymous) on S3, SQS, KMS keys and role trust.
 *
 * - PASS: no generated request is allowed by `evaluate` on the same set (in ACCESS, newly allowed,
 *   or public);
 * - FAIL: the counterexample, evaluated again here on the same set, is allowed (and, for
 *   no-new-access, not allowed by the existing set).
 * - analyze over the set (zone of trust: the resource account): every finding's example is allowed
 *   by the resource policy alone, every effective example by the whole owner set; a generated
 *   external request (no scoping key in its context) that the owner set allows through a resource
 *   policy statement contradicts "no external access" and a BLOCKED finding on that statement.
 * Checks limited to a principal draw it among accounts, exact ARNs and ARN patterns (`*`, `?`).
 *
 * Specification: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * (the evaluator's order, which both sides follow) and
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html
 */
import fc from 'fast-check';
import { evaluate } from '../../../src/evaluate/index.js';
import type { PolicyRef, PolicySet } from '../../../src/evaluate/types.js';
import { compileActionList } from '../../../src/policy/action.js';
import { parsePolicyValue } from '../../../src/policy/parse.js';
import { globMatch } from '../../../src/policy/wildcard.js';
import { PUBLIC_IDENTITY_PROVIDERS, SCOPING_KEYS } from '../../../src/reason/external.js';
import {
  type AnalyzeResult,
  analyzeSetExternalAccess,
  type CheckResult,
  checkSetAccessNotGranted,
  checkSetNoNewAccess,
  checkSetNoPublicAccess,
  type PolicySetScenario,
} from '../../../src/reason/index.js';
import {
  contextArb,
  type Disagreement,
  PUBLIC_PRINCIPALS,
  policyArb,
  type Req,
  type SoundnessOptions,
  type SoundnessReport,
  stripForPublic,
} from './harness.js';

/** The request's action is one ACCESS lists (the shared action matcher; no policy involved). */
function inAccess(q: Req, access: { actions: string[] }): boolean {
  return compileActionList(access.actions)(q.action.toLowerCase());
}

const doc = (statements: unknown[]) => parsePolicyValue({ Version: '2012-10-17', Statement: statements });
const FULL = { Effect: 'Allow', Action: '*', Resource: '*' };

const PRINCIPALS = [
  'arn:aws:iam::111122223333:role/admin',
  'arn:aws:iam::111122223333:user/alice',
  'arn:aws:iam::444455556666:user/alice',
  'arn:aws:sts::111122223333:assumed-role/admin/s',
  'arn:aws:iam::444455556666:role/adm1n',
  'arn:aws:sts::444455556666:assumed-role/ops/s',
  'arn:aws:iam::111122223333:root',
  'arn:aws:sts::111122223333:federated-user/bob',
  'arn:aws:iam::111122223333:role/aws-service-role/ops.amazonaws.com/AWSServiceRoleForOps',
  '*',
  'sns.amazonaws.com',
];

const requestArb = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(
    's3:GetObject',
    's3:PutObject',
    'sqs:SendMessage',
    'kms:Decrypt',
    'sts:AssumeRole',
    'sts:GetCallerIdentity',
    'ec2:RunInstances',
  ),
  resource: fc.constantFrom(
    'arn:aws:s3:::b/x',
    'arn:aws:s3:::home/alice/x',
    'arn:aws:s3:::cat',
    'arn:aws:sqs:us-east-1:111122223333:q',
    'arn:aws:kms:us-east-1:111122223333:key/k1',
    'arn:aws:iam::111122223333:role/admin',
  ),
  context: contextArb,
});

const one = (statements: unknown[], name: string): PolicyRef => ({ name, document: doc(statements) });

/** A guardrail level: a random policy, mostly under a FullAWSAccess-style Allow so it can allow. */
const levelArb = (resourcePolicy: boolean) =>
  fc.tuple(policyArb(resourcePolicy), fc.boolean()).map(([sts, full]) => (full ? [FULL, ...sts] : sts));

const setArb = fc.record({
  identity: fc.array(policyArb(false), { minLength: 1, maxLength: 2 }),
  boundary: fc.option(policyArb(false), { nil: undefined }),
  session: fc.option(policyArb(false), { freq: 3, nil: undefined }),
  scps: fc.option(fc.array(levelArb(false), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  rcps: fc.option(fc.array(policyArb(true), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  resource: fc.option(policyArb(true), { freq: 2, nil: undefined }),
  resourceAccount: fc.constantFrom('111122223333', '999988887777'),
  managementAccount: fc.option(fc.constantFrom('111122223333', '444455556666'), { freq: 3, nil: undefined }),
  principal: fc.option(
    fc.constantFrom(
      'arn:aws:iam::111122223333:role/admin',
      '111122223333',
      'arn:aws:iam::111122223333:role/ad*',
      'arn:aws:iam::*:user/al?ce',
      'arn:aws:iam::111122223333:role/aws-service-role/*',
      '*',
    ),
    { freq: 3, nil: undefined },
  ),
  /** analyze: an RCP level that keeps other accounts out (of everything, or of one service). */
  guard: fc.constantFrom(undefined, 'all', 's3:*', 'sqs:*'),
  /** analyze: the external principals considered. */
  external: fc.option(
    fc.constantFrom('444455556666', 'arn:aws:iam::444455556666:user/al*', 'arn:aws:iam::*:role/adm?n', '*'),
    { freq: 2, nil: undefined },
  ),
});
type SetSpec = typeof setArb extends fc.Arbitrary<infer T> ? T : never;

function toSet(s: SetSpec): PolicySetScenario {
  const policies: PolicySet = {
    identity: s.identity.map((p, i) => one(p, `identity${i}`)),
    ...(s.boundary ? { permissionBoundary: one(s.boundary, 'boundary') } : {}),
    ...(s.session ? { sessionPolicy: one(s.session, 'session') } : {}),
    ...(s.scps ? { scps: s.scps.map((p, i) => [one(p, `scp${i}`)]) } : {}),
    ...(s.rcps ? { rcps: s.rcps.map((p, i) => [one(p, `rcp${i}`)]) } : {}),
    ...(s.resource ? { resource: one(s.resource, 'resource') } : {}),
  };
  return {
    policies,
    resourceAccount: s.resourceAccount,
    ...(s.managementAccount ? { organization: { managementAccount: s.managementAccount } } : {}),
  };
}

function decide(set: PolicySetScenario, q: Req, resourceAccount = set.resourceAccount): string {
  return evaluate({
    request: q,
    policies: set.policies,
    ...(set.principalAccount ? { principalAccount: set.principalAccount } : {}),
    ...(resourceAccount ? { resourceAccount } : {}),
    ...(set.organization ? { organization: set.organization } : {}),
  }).decision;
}

/**
 * The request is by a principal the check was limited to: an account's IAM principals, an exact
 * ARN (a role covers its sessions), or a pattern matching the ARN or a session's role ARN.
 */
function byPrincipal(q: Req, who: string | undefined): boolean {
  if (who === undefined || who === '*') return true;
  if (/^\d{12}$/.test(who)) return new RegExp(`^arn:aws:(iam|sts)::${who}:`).test(q.principal);
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(q.principal);
  const roleOfSession = session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : undefined;
  if (/[*?]/.test(who))
    return (
      globMatch(who, q.principal, { arn: true }) ||
      (roleOfSession !== undefined && globMatch(who, roleOfSession, { arn: true }))
    );
  const role = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(who);
  return (
    q.principal === who ||
    (role !== null && q.principal.startsWith(`arn:aws:sts::${role[1]}:assumed-role/${role[2]}/`))
  );
}

/** Outside the zone (one account): anonymous, or an IAM principal of another account; never a service. */
function external(q: Req, zone: string): boolean {
  if (q.principal === '*') return true;
  const m = /^arn:aws:(iam|sts)::(\d{12}):/.exec(q.principal);
  return m !== null && m[2] !== zone;
}

/** The request without any key that could keep it inside the zone (so it is external by principal alone). */
function unscoped(q: Req): Req {
  const drop = new Set([...Object.keys(SCOPING_KEYS), ...Object.values(PUBLIC_IDENTITY_PROVIDERS)]);
  const context: Req['context'] = {};
  for (const [k, v] of Object.entries(q.context)) if (!drop.has(k.toLowerCase())) context[k] = v;
  return { ...q, context };
}

const SET_CHECKS = [
  'sets/access-not-granted',
  'sets/no-new-access',
  'sets/no-public-access',
  'sets/analyze',
] as const;

/** The set harness (see the file comment); the same options and report as runSoundness. */
export async function runSetSoundness(options: SoundnessOptions): Promise<SoundnessReport> {
  const started = performance.now();
  const report: SoundnessReport = {
    kind: 'sets',
    queries: 0,
    cases: 0,
    answers: { PASS: 0, FAIL: 0, UNKNOWN: 0 },
    disagreements: [],
    millis: 0,
    byCheck: {},
  };
  const timeoutMs = options.timeoutMs ?? 10000;
  const disagree = (d: Disagreement) => {
    if (report.disagreements.length < 50) report.disagreements.push(d);
  };
  const accessArb = fc.record({
    actions: fc.subarray(['s3:GetObject', 's3:PutObject', 'sqs:*', 'kms:*', 'sts:*'], {
      minLength: 1,
      maxLength: 2,
    }),
  });
  for (let i = 0; ; i++) {
    if (options.maxQueries !== undefined && i >= options.maxQueries) break;
    const due = i >= (options.minQueries ?? 0);
    if (due && performance.now() - started > options.budgetMs) break;
    if (due && options.stopAtCases !== undefined && report.cases >= options.stopAtCases) break;
    const seed = options.seed + i;
    const check = SET_CHECKS[i % SET_CHECKS.length];
    const [spec] = fc.sample(setArb, { seed, numRuns: 1 });
    const set = toSet(spec);
    const [other] = fc.sample(policyArb(false), { seed: seed + 99991, numRuns: 1 });
    const [access] = fc.sample(accessArb, { seed, numRuns: 1 });
    const requests = fc.sample(requestArb, {
      seed: seed * 7 + 1,
      numRuns: options.requestsPerQuery,
    }) as Req[];
    // no-new-access: the same set with its first identity policy replaced.
    const existing: PolicySetScenario = {
      ...set,
      policies: {
        ...set.policies,
        identity: [one(other, 'existing'), ...(set.policies.identity ?? []).slice(1)],
      },
    };
    const owner = ownerOf(set);
    let r: CheckResult;
    try {
      if (check === 'sets/access-not-granted')
        r = await checkSetAccessNotGranted(set, access, { timeoutMs, principal: spec.principal });
      else if (check === 'sets/no-new-access')
        r = await checkSetNoNewAccess(set, existing, { timeoutMs, principal: spec.principal });
      else if (check === 'sets/analyze') {
        if (!set.policies.resource) continue;
        if (spec.guard) {
          const rcp = one(
            [
              {
                Effect: 'Deny',
                Principal: '*',
                Action: spec.guard === 'all' ? '*' : spec.guard,
                Resource: '*',
                Condition: { StringNotEqualsIfExists: { 'aws:PrincipalAccount': spec.resourceAccount } },
              },
            ],
            'guard',
          );
          set.policies.rcps = [...(set.policies.rcps ?? []), [rcp]];
        }
        const a = await analyzeSetExternalAccess(set, {
          timeoutMs,
          zoneOfTrust: { accounts: [spec.resourceAccount] },
          ...(spec.external !== undefined ? { principal: spec.external } : {}),
        });
        report.queries++;
        const before = report.cases;
        analyzeCases(a, spec, set, requests, report, disagree);
        report.byCheck![check] ??= { queries: 0, cases: 0, findings: 0, blocked: 0 };
        const c = report.byCheck![check];
        c.queries++;
        c.cases += report.cases - before;
        c.findings! += a.findings.length;
        c.blocked! += a.findings.filter((f) => f.effective?.result === 'BLOCKED').length;
        continue;
      } else {
        if (!set.policies.resource) continue;
        r = await checkSetNoPublicAccess(set, { timeoutMs, resourceType: 'AWS::S3::Bucket' });
      }
    } catch (error) {
      disagree({ check, answer: 'ERROR', policies: [spec], detail: String(error) });
      report.queries++;
      continue;
    }
    report.queries++;
    report.answers[r.result]++;
    const policies = check === 'sets/no-new-access' ? [spec, other] : [spec];
    if (r.result === 'UNKNOWN') {
      // A replay mismatch is reported as UNKNOWN: for the harness it is a disagreement.
      if (r.unknown?.reason.includes('replay mismatch'))
        disagree({ check, answer: 'UNKNOWN', policies, detail: r.unknown.reason });
      continue;
    }
    const subject = check === 'sets/no-public-access' ? owner : set;
    if (r.result === 'FAIL') {
      const c = r.counterexample!;
      const q = c.request as Req;
      report.cases++;
      const ok =
        decide(subject, q, c.resourceAccount) === 'Allowed' &&
        byPrincipal(q, check === 'sets/no-public-access' ? undefined : spec.principal) &&
        (check !== 'sets/access-not-granted' || inAccess(q, access)) &&
        (check !== 'sets/no-new-access' || decide(existing, q, c.resourceAccount) !== 'Allowed');
      if (!ok)
        disagree({ check, answer: 'FAIL', policies, request: q, detail: 'counterexample does not replay' });
      continue;
    }
    for (const raw of requests) {
      let q = raw;
      if (check === 'sets/no-public-access') {
        if (!q.action.startsWith('s3:')) continue;
        q = stripForPublic({ ...q, principal: PUBLIC_PRINCIPALS[report.cases % PUBLIC_PRINCIPALS.length] });
      } else if (!byPrincipal(q, spec.principal)) continue;
      report.cases++;
      if (decide(subject, q) !== 'Allowed') continue;
      const contradicts =
        check === 'sets/access-not-granted'
          ? inAccess(q, access)
          : check === 'sets/no-new-access'
            ? decide(existing, q) !== 'Allowed'
            : true;
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

/** The resource owner's side of a set, as analyze and check-no-public-access take it (combined.ts ownerSet). */
function ownerOf(set: PolicySetScenario): PolicySetScenario {
  return {
    ...set,
    policies: {
      identity: [one([FULL], 'allow-all')],
      sessionPolicy: one([FULL], 'allow-all-session'),
      resource: set.policies.resource ?? null,
      ...(set.policies.rcps ? { rcps: set.policies.rcps } : {}),
    },
  };
}

/** The checks of analyze over a set (see the file comment). */
function analyzeCases(
  a: AnalyzeResult,
  spec: SetSpec,
  set: PolicySetScenario,
  requests: Req[],
  report: SoundnessReport,
  disagree: (d: Disagreement) => void,
): void {
  const check = 'sets/analyze';
  const policies = [spec];
  const zone = spec.resourceAccount;
  if (a.unknown) {
    report.answers.UNKNOWN++;
    if (a.unknown.reason.includes('replay mismatch'))
      disagree({ check, answer: 'UNKNOWN', policies, detail: a.unknown.reason });
    return;
  }
  const blocked = a.effective?.result === 'BLOCKED';
  report.answers[blocked ? 'PASS' : 'FAIL']++;
  const owner = ownerOf(set);
  const alone: PolicySetScenario = { ...owner, policies: { ...owner.policies, rcps: undefined } };
  // Every example replays: the finding's on the resource policy alone, the effective ones on the set.
  const examples: Array<{ q: Req; on: PolicySetScenario; what: string }> = [];
  for (const f of a.findings) {
    examples.push({ q: f.example.request as Req, on: alone, what: 'finding example' });
    if (f.effective?.result === 'ALLOWED')
      examples.push({ q: f.effective.example.request as Req, on: owner, what: 'effective example' });
  }
  if (a.effective?.result === 'ALLOWED')
    examples.push({ q: a.effective.example.request as Req, on: owner, what: 'overall example' });
  for (const e of examples) {
    report.cases++;
    if (decide(e.on, e.q) !== 'Allowed' || !byPrincipal(e.q, spec.external))
      disagree({ check, answer: 'FAIL', policies, request: e.q, detail: `${e.what} does not replay` });
  }
  // No generated external request contradicts a BLOCKED answer.
  for (const raw of requests) {
    const q = unscoped(raw);
    if (!external(q, zone) || !byPrincipal(q, spec.external)) continue;
    report.cases++;
    const r = evaluate({
      request: q,
      policies: owner.policies,
      resourceAccount: zone,
      ...(set.organization ? { organization: set.organization } : {}),
    });
    if (r.decision !== 'Allowed') continue;
    const through = r.matchedStatements.filter((m) => m.policy === 'resource' && m.effect === 'Allow');
    if (through.length === 0) continue;
    if (blocked)
      disagree({
        check,
        answer: 'PASS',
        policies,
        request: q,
        detail: 'external request allowed by the set',
      });
    for (const m of through) {
      const open = a.findings.some(
        (f) =>
          (f.statementId ?? String(f.statementIndex)) === m.statement && f.effective?.result !== 'BLOCKED',
      );
      if (!open)
        disagree({
          check,
          answer: 'PASS',
          policies,
          request: q,
          detail: `statement ${m.statement}: no finding, or every finding BLOCKED, yet the set allows this external request`,
        });
    }
  }
}
