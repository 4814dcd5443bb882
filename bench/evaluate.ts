/**
 * Decisions per second on a realistic mix of scenarios, for leastpriv (policies compiled once,
 * and parsed + compiled per call) and for the peer @cloud-copilot/iam-simulate (which parses
 * per call), in one run. Also counts how often the two reach the same decision.
 *
 *   node --import tsx bench/evaluate.ts [--seconds 3]
 */
import { readFileSync } from 'node:fs';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import {
  compilePolicySet,
  evaluate,
  evaluateRequest,
  prepareRequest,
  type Scenario,
} from '../src/evaluate/index.js';
import { readScenarios } from '../src/sources/scenario.js';

type Json = Record<string, unknown>;

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 3;
// --only-compiled measures just the compiled-once path (for profiling).
const onlyCompiled = process.argv.includes('--only-compiled');

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

function generated(i: number): Json {
  const svc = pick(SERVICE_NAMES);
  const principal =
    rand() < 0.5
      ? `arn:aws:sts::${ACCOUNT}:assumed-role/app-${i % 4}/s${i}`
      : `arn:aws:iam::${ACCOUNT}:user/u${i % 9}`;
  const context: Json = {
    'aws:RequestedRegion': pick(['us-east-1', 'eu-west-1', 'ap-south-1']),
    'aws:SourceIp': pick(['192.0.2.10', '198.51.100.7', '203.0.113.99']),
    'aws:PrincipalTag/team': pick(['red', 'blue']),
    'aws:ResourceTag/team': pick(['red', 'blue']),
  };
  if (rand() < 0.5) context['aws:MultiFactorAuthPresent'] = rand() < 0.5 ? 'true' : 'false';
  const policies: Json = {
    identity: Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
      doc(5 + Math.floor(rand() * 20), 0.15),
    ),
  };
  if (rand() < 0.4) policies.permissionBoundary = doc(4, 0);
  if (rand() < 0.5)
    policies.scps = [
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
      [doc(3, 0.5)],
    ];
  if (svc === 's3' && rand() < 0.7) {
    policies.resource = {
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
    };
  }
  return {
    request: {
      principal,
      action: `${svc}:${pick(SERVICES[svc].actions)}`,
      resource: SERVICES[svc].resource(i),
      context,
    },
    resourceAccount: ACCOUNT,
    policies,
  };
}

const examples = JSON.parse(
  readFileSync(new URL('../examples/simulate/scenarios.json', import.meta.url), 'utf8'),
) as Json[];
const raw: Json[] = [...examples, ...Array.from({ length: 200 }, (_, i) => generated(i))];
const scenarios: Scenario[] = readScenarios(JSON.stringify(raw)).scenarios;

// The same scenarios in the peer's input shape.
const docOf = (p: unknown): unknown =>
  p && typeof p === 'object' && 'document' in p ? (p as Json).document : p;
function toPeer(s: Json): Simulation {
  const req = s.request as Json;
  const pol = s.policies as Json;
  // The peer does not derive keys such as aws:PrincipalArn from the principal, so it is given
  // the same effective context leastpriv uses (request keys plus keys derived from the principal).
  const effective = prepareRequest(req as unknown as Scenario['request']).contextObject.toJSON();
  const ctx: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(effective)) ctx[k] = Array.isArray(v) ? v.map(String) : String(v);
  const levels = (l: unknown) =>
    ((l as unknown[][]) ?? []).map((level, i) => ({
      orgIdentifier: i === 0 ? 'r-root' : `ou-level${i}`,
      policies: level.map((p, j) => ({ name: `p${i}${j}`, policy: docOf(p) })),
    }));
  const resourceArn = req.resource as string;
  const account = (s.resourceAccount as string) ?? resourceArn.split(':')[4] ?? ACCOUNT;
  return {
    request: {
      principal: req.principal as string,
      action: req.action as string,
      resource: { resource: resourceArn, accountId: account || ACCOUNT },
      contextVariables: ctx,
    },
    identityPolicies: ((pol.identity as unknown[]) ?? []).map((p, i) => ({
      name: `id${i}`,
      policy: docOf(p),
    })),
    serviceControlPolicies: levels(pol.scps),
    resourceControlPolicies: levels(pol.rcps),
    resourcePolicy: docOf(pol.resource) ?? undefined,
    permissionBoundaryPolicies: pol.permissionBoundary
      ? [{ name: 'pb', policy: docOf(pol.permissionBoundary) }]
      : undefined,
    sessionPolicy: docOf(pol.sessionPolicy) ?? undefined,
  };
}
const peerInputs = raw.map(toPeer);

// Rates are per CPU-second of this process (user + system), so that other load on the machine
// does not distort them; wall-clock rates are printed beside them.
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function report(label: string, n: number, cpu: number, wall: number): number {
  const perCpu = n / cpu;
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US').padStart(12);
  console.log(`${label.padEnd(52)} ${fmt(perCpu)} decisions/CPU-s (${fmt(n / wall).trim()} /s wall)`);
  return perCpu;
}

function measure(label: string, fn: (i: number) => void): number {
  // Warm up, then run for the given time.
  for (let i = 0; i < 2000; i++) fn(i % scenarios.length);
  const start = process.hrtime.bigint();
  const cpu0 = cpuSeconds();
  let n = 0;
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    for (let k = 0; k < 100; k++, n++) fn(n % scenarios.length);
  }
  return report(label, n, cpuSeconds() - cpu0, Number(process.hrtime.bigint() - start) / 1e9);
}

async function measurePeer(): Promise<number> {
  for (let i = 0; i < 50; i++) await runSimulation(peerInputs[i % peerInputs.length], {});
  const start = process.hrtime.bigint();
  const cpu0 = cpuSeconds();
  let n = 0;
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    await runSimulation(peerInputs[n % peerInputs.length], {});
    n++;
  }
  return report(
    '@cloud-copilot/iam-simulate runSimulation (per call)',
    n,
    cpuSeconds() - cpu0,
    Number(process.hrtime.bigint() - start) / 1e9,
  );
}

const compiled = scenarios.map((s) => ({
  set: compilePolicySet(s.policies),
  opts: {
    principalAccount: s.principalAccount,
    resourceAccount: s.resourceAccount,
    organization: s.organization,
  },
}));
const texts = raw.map((r) => JSON.stringify(r));

console.log(
  `${scenarios.length} scenarios (${examples.length} from examples/simulate, ${raw.length - examples.length} generated); ${seconds}s per measurement; node ${process.version}`,
);
const fast = measure('leastpriv, compiled once, round-robin over all sets', (i) => {
  evaluateRequest(compiled[i].set, scenarios[i].request, compiled[i].opts);
});

// The common use: one compiled set (a role's policies) answering a stream of requests. Each
// set answers 64 requests that vary the action and resource over its services before the next.
// (Round-tripped through JSON like any request read from input, so strings are flat.)
const variants: Array<Array<Scenario['request']>> = JSON.parse(
  JSON.stringify(
    scenarios.map((s, i) =>
      Array.from({ length: 64 }, (_, k) => {
        const svc = SERVICE_NAMES[(i + k) % SERVICE_NAMES.length];
        const { actions, resource } = SERVICES[svc];
        return {
          ...s.request,
          action: `${svc}:${actions[k % actions.length]}`,
          resource: resource(i * 7 + k),
        };
      }),
    ),
  ),
);
let batchCount = 0;
measure('leastpriv, compiled once, 64 requests per set', (i) => {
  const set = Math.floor(batchCount / 64) % scenarios.length;
  evaluateRequest(compiled[set].set, variants[set][batchCount % 64], compiled[set].opts);
  batchCount++;
  void i;
});
// The smallest realistic case: one identity policy of three statements, one condition.
const small = compilePolicySet({
  identity: readScenarios(
    JSON.stringify({
      request: { principal: 'arn:aws:iam::111122223333:user/u1', action: 's3:GetObject', resource: '*' },
      policies: {
        identity: [
          {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['s3:GetObject', 's3:PutObject'],
                Resource: 'arn:aws:s3:::data-1/*',
              },
              {
                Effect: 'Allow',
                Action: 'dynamodb:*',
                Resource: '*',
                Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
              },
              { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
            ],
          },
        ],
      },
    }),
  ).scenarios[0].policies.identity,
});
const smallRequest: Scenario['request'] = JSON.parse(
  JSON.stringify({
    principal: 'arn:aws:iam::111122223333:user/u1',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::data-1/x',
    context: { 'aws:RequestedRegion': 'us-east-1' },
  }),
);
measure('leastpriv, compiled once, one 3-statement policy', () => {
  evaluateRequest(small, smallRequest);
});
if (onlyCompiled) process.exit(0);
const perCall = measure('leastpriv, JSON parsed + compiled per call', (i) => {
  evaluate(readScenarios(texts[i]).scenarios[0]);
});
const peer = await measurePeer();
console.log(
  `ratio compiled-once / peer: ${(fast / peer).toFixed(1)}x; parsed-per-call / peer: ${(perCall / peer).toFixed(1)}x`,
);

// Agreement on decisions (the peer reports Allowed / ImplicitlyDenied / ExplicitlyDenied).
let agree = 0;
let compared = 0;
const disagreements: string[] = [];
for (let i = 0; i < scenarios.length; i++) {
  const peerResult = await runSimulation(peerInputs[i], {});
  if (peerResult.resultType === 'error') continue;
  compared++;
  const theirs = String(peerResult.overallResult);
  const ours = evaluate(scenarios[i]).decision;
  const norm =
    theirs === 'Allowed' ? 'Allowed' : theirs === 'ExplicitlyDenied' ? 'ExplicitDeny' : 'ImplicitDeny';
  if (norm === ours) agree++;
  else if (disagreements.length < 5)
    disagreements.push(
      `  #${i}: leastpriv ${ours}, peer ${theirs} (${scenarios[i].request.action} ${scenarios[i].request.resource})`,
    );
}
console.log(`same decision as the peer on ${agree}/${compared} scenarios it accepted`);
for (const d of disagreements) console.log(d);
