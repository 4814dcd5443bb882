/**
 * Issue 16: a proof over two 10,000-statement policies ends within its time limit (default
 * 10 s, `--timeout` of the CLI), measured end to end through the CLI: reading and parsing,
 * compiling, encoding, solving, replay, output. Prints the time after start-up (what the limit
 * covers; start-up is Node, tsx and loading the modules, measured apart), the whole process's
 * wall time, peak RSS, exit code and the answer, with the load average.
 *
 *   node --import tsx bench/reason-large.ts [--timeout 10000]
 *
 * - distinct: every statement names its own bucket object (2.4 MB per policy, like the report in
 *   issue 16): refused at once as too large to decide.
 * - wildcards: every statement names its own bucket with a wildcard (the cheap size check cannot
 *   bound these): the time limit stops the abstraction build.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const i = process.argv.indexOf('--timeout');
const timeout = i > 0 ? process.argv[i + 1] : '10000';
const dir = mkdtempSync(join(tmpdir(), 'leastpriv-large-'));
const mainModule = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const reasonModule = fileURLToPath(new URL('../src/cli/reason.ts', import.meta.url));
// Start-up (Node, tsx, loading the CLI and the proof commands' modules with the Z3 bindings) is
// outside the limit; everything after it is inside: parsing the arguments, reading and parsing the
// policies, compiling, encoding, solving, replay, writing the answer and shutting the solver down.
// The child measures that span itself (performance.now() counts from the process start).
const runner = `
const { main } = await import(${JSON.stringify(mainModule)});
await import(${JSON.stringify(reasonModule)});
const started = performance.now();
process.exitCode = await main(process.argv);
process.stderr.write('start-up-ms ' + started.toFixed(0) + ' after-start-up-ms ' + (performance.now() - started).toFixed(0) + '\\n');
`;

function policy(name: string, resource: (n: number) => string, variant: number): string {
  const Statement = Array.from({ length: 10_000 }, (_, n) => ({
    Sid: `Statement${n}`,
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:PutObject', 's3:GetObjectTagging', 's3:PutObjectTagging'].slice(
      0,
      2 + ((n + variant) % 3),
    ),
    Resource: [resource(n), `${resource(n)}-archive`],
    Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
  }));
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ Version: '2012-10-17', Statement }));
  return path;
}

const cases = [
  {
    name: 'distinct',
    a: policy('distinct-a.json', (n) => `arn:aws:s3:::example-bucket-${n}/data/object-${n}.json`, 0),
    b: policy('distinct-b.json', (n) => `arn:aws:s3:::example-bucket-${n}/data/object-${n}.json`, 1),
  },
  {
    name: 'wildcards',
    a: policy('wild-a.json', (n) => `arn:aws:s3:::example-bucket-${n}/data/*`, 0),
    b: policy('wild-b.json', (n) => `arn:aws:s3:::example-bucket-${n}/data/*`, 1),
  },
];

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);
for (const c of cases) {
  const size = (statSync(c.a).size / 1e6).toFixed(1);
  const started = performance.now();
  let out = '';
  let code = 0;
  try {
    out = execFileSync(
      '/usr/bin/time',
      [
        '-f',
        'peak-rss-kb %M',
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        runner,
        'leastpriv',
        'check-no-new-access',
        '--new-policy',
        c.a,
        '--existing-policy',
        c.b,
        '--policy-type',
        'IDENTITY_POLICY',
        '--timeout',
        timeout,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string; message: string };
    if (e.status === undefined && e.stdout === undefined) throw error;
    code = e.status;
    out = `${e.stdout}${e.stderr}`;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rss = /peak-rss-kb (\d+)/.exec(out)?.[1];
  const timing = /start-up-ms (\d+) after-start-up-ms (\d+)/.exec(out);
  const answer = out.split('\n').slice(0, 2).join(' | ');
  const within = timing ? Number(timing[2]) : Number.NaN;
  console.log(
    `${c.name.padEnd(10)} 2 x 10,000 statements (${size} MB each): ${(within / 1000).toFixed(2)} s after start-up against a limit of ${(Number(timeout) / 1000).toFixed(2)} s (${within <= Number(timeout) ? 'within' : 'OVER'}); start-up ${timing ? (Number(timing[1]) / 1000).toFixed(1) : '?'} s, whole process ${seconds} s; peak RSS ${rss ? Math.round(Number(rss) / 1024) : '?'} MB, exit ${code}: ${answer}`,
  );
}
