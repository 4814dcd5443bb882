/**
 * The differential run of test/evaluate/differential.test.ts over more seeds: leastpriv and
 * @cloud-copilot/iam-simulate decide the same random scenarios; every disagreement is put in a
 * class (the documented departures of test/evaluate/peer.ts) or printed as unexplained.
 * docs/simulate.md lists the classes and how each was judged.
 *
 *   node --import tsx bench/differential.ts [--seeds 20] [--runs 400]
 */
import fc from 'fast-check';
import { classify, compare, scenarioArb } from '../test/evaluate/peer.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SEEDS = arg('--seeds', 20);
const RUNS = arg('--runs', 400);

let compared = 0;
let agreed = 0;
const classes = new Map<string, number>();
const unexplained: string[] = [];
for (let seed = 1; seed <= SEEDS; seed++) {
  for (const s of fc.sample(scenarioArb, { numRuns: RUNS, seed })) {
    const c = await compare(s);
    if (!c) continue;
    compared++;
    if (c.ours === c.theirs) {
      agreed++;
      continue;
    }
    const k = await classify(c);
    if (k === undefined) unexplained.push(JSON.stringify({ ours: c.ours, theirs: c.theirs, ...s }));
    else classes.set(k, (classes.get(k) ?? 0) + 1);
  }
}
console.log(
  `${SEEDS} seeds x ${RUNS} scenarios: ${compared} compared (the peer refused the rest), ${agreed} agreed (${((100 * agreed) / compared).toFixed(1)}%)`,
);
for (const [k, n] of [...classes].sort((a, b) => b[1] - a[1]))
  console.log(`  ${String(n).padStart(5)}  ${k}`);
console.log(`  ${String(unexplained.length).padStart(5)}  unexplained`);
for (const u of unexplained.slice(0, 5)) console.log(u);
