/**
 * `leastpriv simulate` speed, in ONE run on the same realistic requests (one policy set: three
 * identity policies of 12-25 statements, a permissions boundary, two SCP levels, an S3 bucket
 * policy; requests varying principal, action, resource and context):
 *  1. batch mode through the CLI: `simulate --policies SET --requests REQUESTS.ndjson --format json`
 *     (policies parsed once, requests streamed);
 *  2. the per-scenario CLI path: `simulate --input SCENARIOS.ndjson --format json`, each line a
 *     scenario holding the same policies and one of the requests;
 *  3. the peer, @cloud-copilot/iam-simulate `runSimulation`, deciding the same requests;
 *  4. (with --stream N) resident memory of batch mode while N requests are streamed to its stdin.
 * Rates are decisions per CPU-second of the measured process (user + system, process start-up
 * included for the CLI), so other load on the machine does not distort them; wall-clock beside.
 * Needs the build (`npm run build`): the CLI runs as `node bin/leastpriv.js`.
 *
 *   node --import tsx bench/evaluate.ts [--requests 100000] [--scenarios 20000] [--repeat 3]
 *                                       [--peer-seconds 5] [--stream 10000000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { prepareRequest, type Request } from '../src/evaluate/index.js';

type Json = Record<string, unknown>;
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const REQUESTS = arg('--requests', 100_000);
const SCENARIOS = arg('--scenarios', 20_000);
const REPEAT = arg('--repeat', 3);
const PEER_SECONDS = arg('--peer-seconds', 5);
const STREAM = arg('--stream', 0);

// A small deterministic PRNG so every run measures the same mix.
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];

const ACCOUNT = '111122223333';
const SERVICES: Record<string, { actions: string[]; resource: (i: number) => string }> = {
  s3: {
    actions: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketPolicy'],
    resource: (i) => `arn:aws:s3:::data-${i % 7}/team-${i % 3}/file-${i}.csv`,
  },
  dynamodb: {
    actions: ['GetItem', 'PutItem', 'Query', 'Scan', 'DeleteItem'],
    resource: (i) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders-${i % 5}`,
  },
  sqs: {
    actions: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
    resource: (i) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs-${i % 4}`,
  },
  kms: {
    actions: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey'],
    resource: (i) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/k-${i % 6}`,
  },
  ec2: {
    actions: ['RunInstances', 'DescribeInstances', 'TerminateInstances', 'StartInstances'],
    resource: (i) => `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-${(1000 + i).toString(16)}`,
  },
  lambda: {
    actions: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode'],
    resource: (i) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fn-${i % 8}`,
  },
};
const SERVICE_NAMES = Object.keys(SERVICES);

function condition(): Json | undefined {
  switch (Math.floor(rand() * 8)) {
    case 0:
      return { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } };
    case 1:
      return { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    case 2:
      return { IpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } };
    case 3:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
      return { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } };
    case 4:
      return { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app-*` } };
    default:
      return undefined;
  }
}

function statement(effect: 'Allow' | 'Deny'): Json {
  const svc = pick(SERVICE_NAMES);
  const { actions, resource } = SERVICES[svc];
  const action =
    rand() < 0.3
      ? `${svc}:${pick(actions).slice(0, 3)}*`
      : [`${svc}:${pick(actions)}`, `${svc}:${pick(actions)}`];
  const base = resource(Math.floor(rand() * 50));
  const res = rand() < 0.5 ? `${base.slice(0, base.length - 2)}*` : rand() < 0.5 ? '*' : base;
  const st: Json = { Effect: effect, Action: action, Resource: res };
  const c = condition();
  if (c) st.Condition = c;
  return st;
}

function doc(n: number, denyShare: number): Json {
  const statements = Array.from({ length: n }, () => statement(rand() < denyShare ? 'Deny' : 'Allow'));
  return { Version: '2012-10-17', Statement: statements };
}

// One realistic policy set.
const SET: Json = {
  resourceAccount: ACCOUNT,
  policies: {
    identity: [doc(20, 0.15), doc(12, 0.15), doc(25, 0.15)].map((document, i) => ({
      name: `app-policy-${i}`,
      document,
    })),
    permissionBoundary: doc(6, 0),
    scps: [
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
      [doc(4, 0.5)],
    ],
    resource: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::data-1/*',
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/app-1` } },
        },
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 's3:Get*',
          Resource: '*',
        },
      ],
    },
  },
};

function request(i: number): Request {
  const svc = pick(SERVICE_NAMES);
  const principal =
    rand() < 0.5
      ? `arn:aws:sts::${ACCOUNT}:assumed-role/app-${i % 4}/s${i % 1000}`
      : `arn:aws:iam::${ACCOUNT}:user/u${i % 9}`;
  const context: Record<string, string> = {
    'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1', 'ap-south-1']),
    'aws:SourceIp': pick(['192.0.2.10', '198.51.100.7', '203.0.113.99']),
    'aws:PrincipalTag/team': pick(['red', 'blue']),
    'aws:ResourceTag/team': pick(['red', 'blue']),
  };
  if (rand() < 0.5) context['aws:MultiFactorAuthPresent'] = rand() < 0.5 ? 'true' : 'false';
  return {
    principal,
    action: `${svc}:${pick(SERVICES[svc].actions)}`,
    resource: SERVICES[svc].resource(i),
    context,
  };
}

const requests = Array.from({ length: REQUESTS }, (_, i) => request(i));
const dir = mkdtempSync(join(tmpdir(), 'leastpriv-bench-'));
const setPath = join(dir, 'set.json');
const requestsPath = join(dir, 'requests.ndjson');
const scenariosPath = join(dir, 'scenarios.ndjson');
writeFileSync(setPath, JSON.stringify(SET, null, 2));
writeFileSync(requestsPath, requests.map((r) => `${JSON.stringify(r)}\n`).join(''));
// A fifth of the requests: the difference of the two runs is the rate once started (process
// start-up, module loading and JIT warm-up, about 0.3 CPU-s, cancel out).
const SMALL = Math.floor(REQUESTS / 5);
const smallPath = join(dir, 'requests-small.ndjson');
writeFileSync(
  smallPath,
  requests
    .slice(0, SMALL)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join(''),
);
writeFileSync(
  scenariosPath,
  requests
    .slice(0, SCENARIOS)
    .map((r) => `${JSON.stringify({ request: r, ...SET })}\n`)
    .join(''),
);

const BIN = new URL('../bin/leastpriv.js', import.meta.url).pathname;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

/** Runs the CLI under /usr/bin/time; decisions per CPU-second and per wall-second. */
async function cli(label: string, args: string[], expected: number): Promise<number> {
  return (await cliRun(label, args, expected)).rate;
}

/** The output is counted as it streams (1M results are more than a gigabyte): lines only. */
async function cliRun(
  label: string,
  args: string[],
  expected: number,
): Promise<{ rate: number; cpu: number }> {
  const timing = join(dir, 'time.txt');
  const start = process.hrtime.bigint();
  const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', timing, process.execPath, BIN, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (status !== 0 || lines !== expected) throw new Error(`${label}: exit ${status}, ${lines} result lines`);
  const [user, sys, maxKb] = readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number);
  const rate = expected / (user + sys);
  console.log(
    `  ${label.padEnd(34)} ${fmt(rate).padStart(10)} decisions/CPU-s (${fmt(expected / wall)}/s wall, ${expected} in ${(user + sys).toFixed(2)} CPU-s, max RSS ${fmt(maxKb / 1024)} MB)`,
  );
  return { rate, cpu: user + sys };
}

// The peer's input: the same policies and request, with the context keys leastpriv derives from
// the principal (the peer does not derive aws:PrincipalArn and the like).
const policies = SET.policies as Json;
const docOf = (p: unknown) => (p && typeof p === 'object' && 'document' in p ? (p as Json).document : p);
function toPeer(r: Request): Simulation {
  const ctx: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(prepareRequest(r).contextObject.toJSON()))
    ctx[k] = Array.isArray(v) ? v.map(String) : String(v);
  return {
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: ACCOUNT },
      contextVariables: ctx,
    },
    identityPolicies: (policies.identity as Json[]).map((p) => ({
      name: p.name as string,
      policy: p.document,
    })),
    serviceControlPolicies: (policies.scps as unknown[][]).map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `ou-${i}`,
      policies: level.map((p, j) => ({ name: `scp${i}${j}`, policy: docOf(p) })),
    })),
    resourceControlPolicies: [],
    resourcePolicy: r.action.startsWith('s3:') ? policies.resource : undefined,
    permissionBoundaryPolicies: [{ name: 'boundary', policy: policies.permissionBoundary }],
  };
}

async function peer(): Promise<number> {
  const inputs = requests.slice(0, 5000).map(toPeer);
  for (let i = 0; i < 50; i++) await runSimulation(inputs[i], {});
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  let n = 0;
  while (process.hrtime.bigint() - start < BigInt(PEER_SECONDS * 1e9))
    await runSimulation(inputs[n++ % inputs.length], {});
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const rate = n / ((cpu.user + cpu.system) / 1e6);
  console.log(
    `  ${'peer runSimulation (in process)'.padEnd(34)} ${fmt(rate).padStart(10)} decisions/CPU-s (${fmt(n / wall)}/s wall, ${n} decisions)`,
  );
  return rate;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `node ${process.version}; ${REQUESTS} requests, ${SCENARIOS} scenarios (${fmt(readFileSync(scenariosPath).length / SCENARIOS)} bytes each); ${REPEAT} rounds`,
);
const batch: number[] = [];
const batchSteady: number[] = [];
const perScenario: number[] = [];
const peers: number[] = [];
for (let round = 1; round <= REPEAT; round++) {
  console.log(`round ${round}`);
  const big = await cliRun(
    'batch (--policies/--requests)',
    ['simulate', '--policies', setPath, '--requests', requestsPath, '--format', 'json'],
    REQUESTS,
  );
  batch.push(big.rate);
  const small = await cliRun(
    `batch, first ${SMALL} requests`,
    ['simulate', '--policies', setPath, '--requests', smallPath, '--format', 'json'],
    SMALL,
  );
  const marginal = (REQUESTS - SMALL) / (big.cpu - small.cpu);
  batchSteady.push(marginal);
  console.log(
    `  ${'batch once started (difference)'.padEnd(34)} ${fmt(marginal).padStart(10)} decisions/CPU-s`,
  );
  perScenario.push(
    await cli(
      'per-scenario (--input NDJSON)',
      ['simulate', '--input', scenariosPath, '--format', 'json'],
      SCENARIOS,
    ),
  );
  peers.push(await peer());
}
const [b, bs, s, p] = [median(batch), median(batchSteady), median(perScenario), median(peers)];
if (REPEAT > 0)
  console.log(
    `median: batch ${fmt(b)}/CPU-s = ${(b / p).toFixed(0)}x the peer (once started ${fmt(bs)}/CPU-s = ${(bs / p).toFixed(0)}x); per-scenario ${fmt(s)}/CPU-s = ${(s / p).toFixed(1)}x the peer; peer ${fmt(p)}/CPU-s`,
  );

// Resident memory of batch mode while STREAM requests are piped to its stdin.
if (STREAM > 0) {
  const child = spawn(
    process.execPath,
    [BIN, 'simulate', '--policies', setPath, '--requests', '-', '--format', 'json'],
    {
      stdio: ['pipe', 'ignore', 'inherit'],
    },
  );
  const lines = requests.slice(0, 10_000).map((r) => `${JSON.stringify(r)}\n`);
  const rss = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  const samples: string[] = [];
  const start = process.hrtime.bigint();
  let sent = 0;
  const step = STREAM / 10;
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    const pump = () => {
      while (sent < STREAM) {
        let chunk = '';
        for (let k = 0; k < 1000 && sent < STREAM; k++) chunk += lines[sent++ % lines.length];
        if (sent % step < 1000) samples.push(`${fmt(sent)}: ${rss().toFixed(0)} MB`);
        if (!child.stdin.write(chunk)) {
          child.stdin.once('drain', pump);
          return;
        }
      }
      child.stdin.end();
      resolve();
    };
    pump();
  });
  const peak = (() => {
    try {
      return (
        Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
      );
    } catch {
      return 0;
    }
  })();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `streamed ${fmt(STREAM)} requests through stdin in ${wall.toFixed(0)} s (exit ${code}); resident memory after each tenth:`,
  );
  console.log(`  ${samples.join(', ')}; peak ${peak.toFixed(0)} MB`);
}
