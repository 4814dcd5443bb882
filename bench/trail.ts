/**
 * `trail` at scale: writes N synthetic CloudTrail events (default 10 million) as gzip'd delivery
 * files in the S3 layout under a temporary folder (never in the repository), ingests them into a
 * fresh DuckDB file, re-runs the ingest (incremental: nothing new), then generates a policy for
 * one role. Prints events/s, MB/s, the generate time and the peak resident memory.
 *
 *   node --import tsx bench/trail.ts [--events 10000000] [--per-file 2000] [--keep DIR]
 *
 * With --keep DIR the logs and database stay in DIR, and a later run with the same DIR, --events
 * and --per-file reads the logs written before instead of writing them again.
 *
 * Peer, in the same run: DuckDB's own bulk load of the same files into a fresh database file
 * (`CREATE TABLE AS SELECT unnest(Records, recursive := true) FROM read_json(...)`, schema
 * auto-detected): no duplicate handling, no type-drift normalization, no located problems, the
 * least an ingest built on this database can cost. `--no-peer` skips it.
 *
 * The mix: 70% assumed-role sessions of 40 roles, 25% IAM users, 5% service events; S3 data
 * events with resources, EC2 Describe*, KMS Decrypt, SSM GetParameter, DynamoDB, STS, with 2%
 * access denied and 0.5% duplicated eventIDs (as when files are delivered twice).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generatePolicy } from '../src/generate/index.js';
import { verifyGenerated } from '../src/pipelines/trail.js';
import { loadMappingData } from '../src/sources/trail/mapping-data.js';
import { TrailStore } from '../src/sources/trail/store.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const EVENTS = arg('--events', 10_000_000);
const PER_FILE = arg('--per-file', 2000);
const keepAt = process.argv.indexOf('--keep');
const PEER = !process.argv.includes('--no-peer');

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pickOne = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

const ACCT = '111122223333';
const ROLES = Array.from({ length: 40 }, (_, i) => `svc-${i}`);
const USERS = Array.from({ length: 25 }, (_, i) => `user${i}`);
const REGION = 'eu-west-1';

function identity(): Record<string, unknown> {
  const r = rand();
  if (r < 0.7) {
    const role = pickOne(ROLES);
    return {
      type: 'AssumedRole',
      principalId: `AROA${role.toUpperCase()}:sess`,
      arn: `arn:aws:sts::${ACCT}:assumed-role/${role}/sess-${Math.floor(rand() * 50)}`,
      accountId: ACCT,
      accessKeyId: `ASIA${Math.floor(rand() * 1e9)}`,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: `AROA${role}`,
          arn: `arn:aws:iam::${ACCT}:role/${role}`,
          accountId: ACCT,
          userName: role,
        },
        attributes: { creationDate: '2024-05-01T00:00:00Z', mfaAuthenticated: 'false' },
      },
    };
  }
  const u = pickOne(USERS);
  return {
    type: 'IAMUser',
    principalId: `AIDA${u}`,
    arn: `arn:aws:iam::${ACCT}:user/${u}`,
    accountId: ACCT,
    accessKeyId: `AKIA${u}`,
    userName: u,
  };
}

type Shape = () => Record<string, unknown>;
const SHAPES: Array<[number, Shape]> = [
  [
    0.3,
    () => {
      const b = `bucket-${Math.floor(rand() * 20)}`;
      const k = `data/${Math.floor(rand() * 1000)}.json`;
      return {
        eventSource: 's3.amazonaws.com',
        eventName: pickOne(['GetObject', 'PutObject', 'HeadObject']),
        eventCategory: 'Data',
        requestParameters: { bucketName: b, key: k, Host: `${b}.s3.${REGION}.amazonaws.com` },
        resources: [
          { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${b}/${k}` },
          { accountId: ACCT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${b}` },
        ],
        additionalEventData: { SignatureVersion: 'SigV4', bytesTransferredIn: 0, 'x-amz-id-2': 'abc' },
      };
    },
  ],
  [
    0.2,
    () => ({
      eventSource: 'ec2.amazonaws.com',
      eventName: pickOne(['DescribeInstances', 'DescribeVpcs', 'DescribeSubnets']),
      requestParameters: { filterSet: {}, maxResults: 100 },
    }),
  ],
  [
    0.15,
    () => {
      const key = `arn:aws:kms:${REGION}:${ACCT}:key/0000000${Math.floor(rand() * 9)}-1111-2222-3333-444455556666`;
      return {
        eventSource: 'kms.amazonaws.com',
        eventName: 'Decrypt',
        requestParameters: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
        resources: [{ accountId: ACCT, type: 'AWS::KMS::Key', ARN: key }],
      };
    },
  ],
  [
    0.15,
    () => ({
      eventSource: 'ssm.amazonaws.com',
      eventName: 'GetParameter',
      requestParameters: { name: `/app/param-${Math.floor(rand() * 30)}`, withDecryption: true },
    }),
  ],
  [
    0.1,
    () => ({
      eventSource: 'dynamodb.amazonaws.com',
      eventName: pickOne(['GetItem', 'PutItem', 'Query']),
      requestParameters: { tableName: `table-${Math.floor(rand() * 10)}` },
    }),
  ],
  [
    0.1,
    () => ({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', requestParameters: null }),
  ],
];

function record(i: number, dup: boolean): Record<string, unknown> {
  let r = rand();
  let shape = SHAPES[0][1];
  for (const [w, s] of SHAPES) {
    if (r < w) {
      shape = s;
      break;
    }
    r -= w;
  }
  const t = new Date(Date.UTC(2024, 4, 1) + i * 250).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const service = rand() < 0.05;
  const base: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity: service ? { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' } : identity(),
    eventTime: t,
    awsRegion: REGION,
    sourceIPAddress: `10.0.${Math.floor(rand() * 255)}.${Math.floor(rand() * 255)}`,
    userAgent: 'aws-sdk-java/2.20.0 Linux/5.10',
    requestID: `req-${i}`,
    eventID: dup ? `evt-${i - 1}` : `evt-${i}`,
    readOnly: true,
    eventType: service ? 'AwsServiceEvent' : 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCT,
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: 'example.amazonaws.com',
    },
    ...shape(),
  };
  if (rand() < 0.02) {
    base.errorCode = 'AccessDenied';
    base.errorMessage = 'User is not authorized';
  }
  return base;
}

function writeFiles(root: string): { files: number; bytes: number; ms: number } {
  const marker = join(root, 'written.json');
  const spec = { events: EVENTS, perFile: PER_FILE };
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8'));
    if (m.events === EVENTS && m.perFile === PER_FILE) return { ...m, ms: 0 };
  }
  rmSync(root, { recursive: true, force: true });
  const start = Date.now();
  let bytes = 0;
  let files = 0;
  for (let i = 0; i < EVENTS; i += PER_FILE) {
    const n = Math.min(PER_FILE, EVENTS - i);
    const recs = Array.from({ length: n }, (_, j) => record(i + j, j > 0 && rand() < 0.005));
    const day = String(1 + (Math.floor(i / PER_FILE) % 28)).padStart(2, '0');
    const dir = join(root, 'AWSLogs', ACCT, 'CloudTrail', REGION, '2024', '05', day);
    mkdirSync(dir, { recursive: true });
    const text = JSON.stringify({ Records: recs });
    bytes += text.length;
    writeFileSync(
      join(dir, `${ACCT}_CloudTrail_${REGION}_202405${day}T0000Z_${files}.json.gz`),
      gzipSync(text, { level: 1 }),
    );
    files++;
  }
  // Outside AWSLogs/, so the ingest does not see it (.json files are read).
  writeFileSync(marker, JSON.stringify({ ...spec, files, bytes }));
  return { files, bytes, ms: Date.now() - start };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const root = keepAt > 0 ? process.argv[keepAt + 1] : mkdtempSync(join(tmpdir(), 'leastpriv-bench-trail-'));
mkdirSync(root, { recursive: true });
const gen = writeFiles(join(root, 'logs'));
console.log(
  `${gen.ms === 0 ? 'reusing' : 'wrote'} ${EVENTS} events in ${gen.files} files (${(gen.bytes / 1e9).toFixed(2)} GB uncompressed)${gen.ms === 0 ? '' : ` in ${(gen.ms / 1000).toFixed(1)} s`}`,
);
peakRss = process.memoryUsage().rss;

const db = join(root, 'bench.duckdb');
rmSync(db, { force: true });
const store = await TrailStore.open(db);
let t = performance.now();
const cpu0 = process.cpuUsage();
const s = await store.ingest([join(root, 'logs', 'AWSLogs')]);
let secs = (performance.now() - t) / 1000;
const secs0 = secs;
const cpu = process.cpuUsage(cpu0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(
  `ingest: ${s.records} records (${s.ingested} stored, ${s.duplicates} duplicates, ${s.rejected} rejected) in ${secs.toFixed(1)} s = ${Math.round(s.records / secs)} events/s, ${(gen.bytes / 1e6 / secs).toFixed(0)} MB/s of JSON; CPU ${cpuSecs.toFixed(1)} s = ${Math.round(s.records / cpuSecs)} events per CPU-second (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
);
t = performance.now();
const again = await store.ingest([join(root, 'logs', 'AWSLogs')]);
console.log(
  `re-ingest (nothing new): ${again.unchanged} files unchanged in ${((performance.now() - t) / 1000).toFixed(2)} s`,
);
const role = `arn:aws:iam::${ACCT}:role/${ROLES[0]}`;
t = performance.now();
const gcpu0 = process.cpuUsage();
const calls = await store.principalCalls(role);
const q = performance.now() - t;
const result = generatePolicy(role, calls, loadMappingData());
const g = performance.now() - t;
const v = verifyGenerated(result);
const total = performance.now() - t;
const gcpu = process.cpuUsage(gcpu0);
secs = total / 1000;
console.log(
  `generate for ${role}: ${calls.length} calls; query ${(q / 1000).toFixed(2)} s, + policy ${((g - q) / 1000).toFixed(2)} s, + verify ${((total - g) / 1000).toFixed(2)} s = ${secs.toFixed(2)} s (CPU ${((gcpu.user + gcpu.system) / 1e6).toFixed(2)} s); ${result.policy.Statement.length} statements, replay ${v.allowed}/${v.replayed} allowed, ${v.blocking.length} blocking findings`,
);
store.close();
clearInterval(sampler);
console.log(`peak RSS of this process: ${(peakRss / 1e6).toFixed(0)} MB`);
if (PEER) await peer(s.records, secs0, cpuSecs);
if (keepAt < 0) rmSync(root, { recursive: true, force: true });

/** The peer: DuckDB's own load of the same files (see the header), with the ratio of our ingest to it. */
async function peer(records: number, ourSecs: number, ourCpu: number): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const file = join(root, 'peer.duckdb');
  rmSync(file, { force: true });
  // Its default buffer pool (80% of the machine) and insertion order off, as DuckDB's own tuning
  // guide advises for bulk loads; with our 1 GB limit it runs out of memory.
  const instance = await DuckDBInstance.create(file);
  const c = await instance.connect();
  await c.run('SET preserve_insertion_order = false');
  const glob = join(root, 'logs', 'AWSLogs', '*', 'CloudTrail', '*', '*', '*', '*', '*.json.gz');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await c.run(
    `CREATE TABLE raw AS SELECT unnest(Records, recursive := true) FROM read_json('${glob}', maximum_object_size = 134217728)`,
  );
  await c.run('CHECKPOINT');
  const wall = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpuSecs = (cu.user + cu.system) / 1e6;
  const reader = await c.runAndReadAll('SELECT count(*) AS n FROM raw');
  const n = Number(reader.getRowObjectsJS()[0].n);
  // Two floors of any ingest that stores our columns with this database: reading the files
  // (gunzip and JSON parse, nothing extracted or stored), and writing the stored events table
  // (copied from our database into a fresh one, compressed and checkpointed as the ingest does).
  await c.run('DROP TABLE raw');
  const cpuOf = async (sql: string) => {
    const before = process.cpuUsage();
    await c.run(sql);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1e6;
  };
  const read = await cpuOf(
    `SELECT sum(length(json)) FROM read_json_objects('${glob}', format = 'unstructured', maximum_object_size = 134217728)`,
  );
  await c.run(`ATTACH '${db}' AS ours (READ_ONLY)`);
  const write =
    (await cpuOf('CREATE TABLE stored AS SELECT * FROM ours.events')) + (await cpuOf('CHECKPOINT'));
  const [{ columns, rows }] = (
    await c.runAndReadAll(
      "SELECT (SELECT count(*) FROM duckdb_columns() WHERE table_name = 'stored' AND database_name = current_database()) AS columns, (SELECT count(*) FROM stored) AS rows",
    )
  ).getRowObjectsJS() as Array<{ columns: bigint; rows: bigint }>;
  c.closeSync();
  instance.closeSync();
  rmSync(file, { force: true });
  console.log(
    `peer, DuckDB's own load of the same files: ${n} rows in ${wall.toFixed(1)} s = ${Math.round(n / wall)} events/s; CPU ${cpuSecs.toFixed(1)} s = ${Math.round(n / cpuSecs)} events per CPU-second (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
  );
  console.log(
    `ingest / peer: ${(records / ourSecs / (n / wall)).toFixed(2)}x the peer's events/s, ${(records / ourCpu / (n / cpuSecs)).toFixed(2)}x its events per CPU-second`,
  );
  const us = (x: number, per: number) => ((x / per) * 1e6).toFixed(1);
  const floor = read / records + write / Number(rows);
  const cores = (await import('node:os')).availableParallelism();
  console.log(
    `floors: reading the files ${read.toFixed(1)} CPU-s (${us(read, records)} µs/record), writing the ${columns} stored columns ${write.toFixed(1)} CPU-s (${us(write, Number(rows))} µs/row); together at most ${Math.round(cores / floor)} events/s on ${cores} cores before any extraction`,
  );
}
