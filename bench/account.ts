/**
 * `leastpriv account` at organization scale: a generated account with 5,000 principals (2,500
 * users, 2,500 roles) and 20,000 customer managed policies, written as one bundle file and
 * read back like a real export. Measures the read, the full escalation analysis of every
 * principal, one who-can query, and the process's peak memory.
 *
 *   node --import tsx bench/account.ts [--principals 5000] [--policies 20000] [--all-reaches]
 *
 * Targets (issue 12): analysis < 30 s, who-can < 1 s, memory < 2 GB on a 2-core machine.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AccountIndex, escalationEach, whoCan } from '../src/account/index.js';
import { escalationJsonWriter } from '../src/report/account.js';
import { readSnapshot } from '../src/sources/account/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PRINCIPALS = arg('--principals', 5000);
const POLICIES = arg('--policies', 20000);
const A = '111122223333';

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

const USERS = Math.floor(PRINCIPALS / 2);
const ROLES = PRINCIPALS - USERS;
const TEAMS = 50;
const roleArn = (i: number) => `arn:aws:iam::${A}:role/team-${i % TEAMS}/svc-${i}`;

/** A managed policy of one of the shapes real accounts have, most of them narrow. */
function policyDoc(i: number): object {
  const team = i % TEAMS;
  const kind = rand();
  if (i < 5) return doc({ Effect: 'Allow', Action: '*', Resource: '*' });
  if (kind < 0.55) {
    return doc({
      Effect: 'Allow',
      Action: [pick(['s3:GetObject', 's3:PutObject', 's3:ListBucket']), 's3:GetObjectVersion'],
      Resource: [`arn:aws:s3:::team-${team}-data`, `arn:aws:s3:::team-${team}-data/*`],
    });
  }
  if (kind < 0.75) {
    return doc({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: `arn:aws:dynamodb:us-east-1:${A}:table/team-${team}-*`,
    });
  }
  if (kind < 0.85) {
    return doc(
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${A}:role/team-${team}/*` },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
    );
  }
  if (kind < 0.92) {
    return doc(
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${A}:role/team-${team}/*`,
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode'],
        Resource: `arn:aws:lambda:*:${A}:function:team-${team}-*`,
      },
    );
  }
  if (kind < 0.97) {
    return doc({
      Effect: 'Allow',
      Action: ['iam:Get*', 'iam:List*', 'cloudtrail:LookupEvents', 'ec2:Describe*'],
      Resource: '*',
    });
  }
  return doc({
    Effect: 'Allow',
    Action: ['iam:CreateAccessKey', 'iam:UpdateLoginProfile'],
    Resource: `arn:aws:iam::${A}:user/team-${team}/*`,
  });
}

function generate(): object {
  const Policies = Array.from({ length: POLICIES }, (_, i) => ({
    PolicyName: `p-${i}`,
    Arn: `arn:aws:iam::${A}:policy/p-${i}`,
    Path: '/',
    DefaultVersionId: 'v1',
    PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: policyDoc(i) }],
  }));
  // Principals mostly get their own team's policies (policy i belongs to team i % TEAMS), and
  // one attachment in ten comes from anywhere: the cross-team grants that make paths.
  const attach = (n: number, team: number) =>
    Array.from({ length: n }, () => {
      let i = 5 + Math.floor(rand() * (POLICIES - 5));
      if (rand() < 0.9) i = Math.max(5, i - (i % TEAMS) + team);
      if (i >= POLICIES) i -= TEAMS;
      return { PolicyName: `p-${i}`, PolicyArn: `arn:aws:iam::${A}:policy/p-${i}` };
    });
  const groups = Array.from({ length: TEAMS }, (_, t) => ({
    GroupName: `team-${t}`,
    Arn: `arn:aws:iam::${A}:group/team-${t}`,
    GroupPolicyList: [
      {
        PolicyName: 'assume',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: `arn:aws:iam::${A}:role/team-${t}/*`,
        }),
      },
    ],
    AttachedManagedPolicies: attach(2, t),
  }));
  const users = Array.from({ length: USERS }, (_, i) => ({
    UserName: `user-${i}`,
    Path: `/team-${i % TEAMS}/`,
    Arn: `arn:aws:iam::${A}:user/team-${i % TEAMS}/user-${i}`,
    GroupList: [`team-${i % TEAMS}`],
    UserPolicyList: [],
    AttachedManagedPolicies: attach(3, i % TEAMS),
  }));
  const roles = Array.from({ length: ROLES }, (_, i) => {
    const r = rand();
    const trust =
      r < 0.6
        ? { AWS: `arn:aws:iam::${A}:root` }
        : r < 0.9
          ? { Service: pick(['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']) }
          : { AWS: `arn:aws:iam::${A}:user/team-${i % TEAMS}/user-${i % USERS}` };
    return {
      RoleName: `svc-${i}`,
      Path: `/team-${i % TEAMS}/`,
      Arn: roleArn(i),
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }),
      RolePolicyList: [],
      AttachedManagedPolicies:
        i < 5 ? [{ PolicyName: 'p-0', PolicyArn: `arn:aws:iam::${A}:policy/p-0` }] : attach(3, i % TEAMS),
      InstanceProfileList:
        r >= 0.6 && r < 0.7
          ? [
              {
                InstanceProfileName: `svc-${i}`,
                Path: '/',
                Arn: `arn:aws:iam::${A}:instance-profile/svc-${i}`,
              },
            ]
          : [],
    };
  });
  return {
    authorizationDetails: { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies },
    scps: [
      [{ name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }],
      [
        { name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
        {
          name: 'DenyLeave',
          document: doc({ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }),
        },
      ],
    ],
  };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 50);
// Wall time and this process's CPU time: on a shared machine the CPU time is the steadier figure.
const time = <T>(label: string, fn: () => T): T => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = fn();
  sample();
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(
    `${label.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU`,
  );
  return r;
};

const file = join(mkdtempSync(join(tmpdir(), 'lp-bench-account-')), 'bundle.json');
let assumable = roleArn(123);
time('generate + write bundle', () => {
  const bundle = generate() as {
    authorizationDetails: {
      RoleDetailList: Array<{
        Arn: string;
        AssumeRolePolicyDocument: { Statement: Array<{ Principal: { AWS?: string } }> };
      }>;
    };
  };
  // who-can sts:AssumeRole on a role whose trust policy names the account (the identity side decides).
  const byAccount = bundle.authorizationDetails.RoleDetailList.slice(123).find(
    (r) => r.AssumeRolePolicyDocument.Statement[0].Principal.AWS === `arn:aws:iam::${A}:root`,
  );
  if (byAccount) assumable = byAccount.Arn;
  writeFileSync(file, JSON.stringify(bundle));
});
console.log(`bundle: ${mb(statSync(file).size)}, ${PRINCIPALS} principals, ${POLICIES} managed policies`);
const snapshot = time('read snapshot (parse every policy)', () => readSnapshot(file));
const index = time('index (compile per principal)', () => new AccountIndex(snapshot));
// --all-reaches: every node each start reaches, as `escalation --all-reaches` (and graph) list them.
const allReaches = process.argv.includes('--all-reaches');
// What `leastpriv account escalation --format json` prints for every principal, written as the CLI
// writes it (principal by principal) into a byte counter: with --all-reaches it is gigabytes.
let bytes = 0;
let escalating = 0;
let admins = 0;
let reaches = 0;
let unknowns = 0;
const writer = escalationJsonWriter(snapshot.aliases, (t) => {
  bytes += Buffer.byteLength(t);
});
time(`escalation + JSON, every principal${allReaches ? ' (all reaches)' : ''}`, () => {
  const { notes } = escalationEach(index, { allReaches }, (p) => {
    if (p.canEscalate) escalating++;
    if (p.admin) admins++;
    reaches += p.reaches.length;
    unknowns += p.unknown.length;
    writer.principal(p);
  });
  writer.end(notes);
});
console.log(`  ${escalating} can escalate, ${admins} admin, ${reaches} reaches`);
console.log(`  ${mb(bytes)} of JSON, ${unknowns} unknown entries over the principals`);
const w1 = time('who-can s3:PutObject (first)', () =>
  whoCan(index, 's3:PutObject', 'arn:aws:s3:::team-7-data/x.csv'),
);
const w2 = time('who-can sts:AssumeRole (second)', () => whoCan(index, 'sts:AssumeRole', assumable));
console.log(`  ${w1.allowed.length} and ${w2.allowed.length} principals allowed`);
clearInterval(timer);
sample();
console.log(`peak RSS ${mb(peak)}`);
rmSync(dirname(file), { recursive: true, force: true });
