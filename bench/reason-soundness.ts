/**
 * Long runs of the soundness harness (test/reason/soundness/harness.ts): random policies over
 * every condition operator family and random requests around their literals; every PASS is
 * checked against every generated request in the evaluator and every FAIL's counterexample is
 * replayed. Prints the number of (policy, request) cases and every disagreement (there must be none).
 *
 *   node --import tsx bench/reason-soundness.ts [--cases 1000000] [--requests 400] [--seed 1] [--minutes 30]
 *   TZ=Asia/Kolkata node --import tsx bench/reason-soundness.ts --cases 100000
 *   node --import tsx bench/reason-soundness.ts --sets --cases 100000   (whole policy sets: sets.ts)
 */
import { shutdownSolver, warmUp } from '../src/reason/index.js';
import { runSoundness } from '../test/reason/soundness/harness.js';
import { runSetSoundness } from '../test/reason/soundness/sets.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cases = arg('cases', 1_000_000);
const perQuery = arg('requests', 400);
const seed = arg('seed', 1);
const minutes = arg('minutes', 60);

await warmUp();
const sets = process.argv.includes('--sets');
const report = await (sets ? runSetSoundness : runSoundness)({
  seed,
  budgetMs: minutes * 60_000,
  minQueries: arg('min-queries', 0),
  maxQueries: Math.ceil(cases / perQuery) * 6,
  requestsPerQuery: perQuery,
  onProgress: (r) => {
    process.stderr.write(
      `\r${r.queries} queries, ${r.cases.toLocaleString('en-US')} cases, ${r.disagreements.length} disagreements, ${(r.millis / 1000).toFixed(0)} s`,
    );
  },
  stopAtCases: cases,
});
process.stderr.write('\n');
console.log(
  JSON.stringify(
    {
      harness: sets ? 'sets' : 'policies',
      tz: process.env.TZ ?? 'UTC',
      offsetMinutes: new Date(2024, 0, 1).getTimezoneOffset(),
      seed,
      queries: report.queries,
      cases: report.cases,
      answers: report.answers,
      disagreements: report.disagreements.length,
      ...(report.byCheck && Object.keys(report.byCheck).length > 0 ? { byCheck: report.byCheck } : {}),
      seconds: Math.round(report.millis / 1000),
    },
    null,
    2,
  ),
);
const seen = new Set<string>();
for (const d of report.disagreements) {
  const k = JSON.stringify(d.policies);
  if (seen.has(k)) continue;
  seen.add(k);
  console.log(JSON.stringify(d));
}
await shutdownSolver();
process.exitCode = report.disagreements.length > 0 ? 1 : 0;
