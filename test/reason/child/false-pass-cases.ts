/**
 * The three false PASS results of issue 9, run in a child process so the test controls the time
 * zone the date code sees from process start (TZ=Asia/Kolkata is UTC+05:30). Prints one JSON line:
 * the zone offset the process really runs in, and per case the result plus an independent replay
 * of the counterexample through the evaluator.
 */
import { evaluate } from '../../../src/evaluate/index.js';
import { parsePolicyValue } from '../../../src/policy/parse.js';
import { checkAccessNotGranted, checkNoNewAccess, shutdownSolver } from '../../../src/reason/index.js';

const doc = (statements: unknown[]) => parsePolicyValue({ Version: '2012-10-17', Statement: statements });
const existing = doc([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }]);

function replayIdentity(policy: ReturnType<typeof doc>, cx: { request: unknown; resourceAccount?: string }) {
  return evaluate({
    request: cx.request as never,
    resourceAccount: cx.resourceAccount,
    policies: { identity: [{ document: policy }] },
  }).decision;
}

async function main() {
  const out: Record<string, unknown> = { offsetMinutes: new Date(2024, 0, 1).getTimezoneOffset() };
  const fractional = doc([
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { DateGreaterThan: { 'aws:CurrentTime': '1700000000.5' } },
    },
  ]);
  const zoneless = doc([
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: {
        DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T10:00' },
        DateLessThan: { 'aws:CurrentTime': '2024-01-01T11:00' },
      },
    },
  ]);
  for (const [name, policy] of [
    ['fractionalEpoch', fractional],
    ['zonelessDates', zoneless],
  ] as const) {
    const r = await checkNoNewAccess(policy, existing, { policyType: 'IDENTITY_POLICY' });
    out[name] = {
      result: r.result,
      request: r.counterexample?.request,
      newDecision: r.counterexample ? replayIdentity(policy, r.counterexample) : undefined,
      existingDecision: r.counterexample ? replayIdentity(existing, r.counterexample) : undefined,
    };
  }
  const mapped = doc([
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SourceIp': '::ffff:10.0.0.0/104' } },
    },
  ]);
  const r = await checkAccessNotGranted(
    mapped,
    { actions: ['s3:GetObject'] },
    { policyType: 'IDENTITY_POLICY' },
  );
  out.mappedIpv6 = {
    result: r.result,
    request: r.counterexample?.request,
    decision: r.counterexample ? replayIdentity(mapped, r.counterexample) : undefined,
  };
  // Found by the soundness harness (seed 77): `${*}` is a literal `*` in Resource (policy variables
  // page, "Special characters"), also beside a pattern with a variable in the same statement.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars
  // biome-ignore lint/suspicious/noTemplateCurlyInString: ${aws:username} is an IAM policy variable
  const home = 'arn:aws:s3:::home/${aws:username}/*';
  const literalStar = doc([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${*} is IAM's escape for a literal '*'
    { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::a${*}b', home] },
  ]);
  const homeOnly = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: home }]);
  const s = await checkNoNewAccess(literalStar, homeOnly, { policyType: 'IDENTITY_POLICY' });
  out.literalStarBesideVariable = {
    result: s.result,
    request: s.counterexample?.request,
    newDecision: s.counterexample ? replayIdentity(literalStar, s.counterexample) : undefined,
    existingDecision: s.counterexample ? replayIdentity(homeOnly, s.counterexample) : undefined,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  await shutdownSolver();
}

void main();
