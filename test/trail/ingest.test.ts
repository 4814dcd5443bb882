/**
 * `trail ingest`: every input wrapper, gzip, the S3 delivery layout with digest files skipped,
 * incremental re-runs, duplicates and the oddities of the public samples in test/fixtures/trail.
 * Wrappers: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html
 * lookup-events: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 * S3 layout: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readRecords } from '../../src/sources/trail/records.js';
import { TrailStore } from '../../src/sources/trail/store.js';
import { captureOutput } from '../helpers/output.js';
import { FIX, rec, scratch } from './helpers.js';

const io = captureOutput();
const cli = (...args: string[]) => main(['node', 'leastpriv', 'trail', ...args]);

async function ingest(paths: string[], db: string) {
  const store = await TrailStore.open(db);
  try {
    return await store.ingest(paths);
  } finally {
    store.close();
  }
}

async function rows(db: string, sql: string) {
  const store = await TrailStore.open(db);
  try {
    return await store.query(sql);
  } finally {
    store.close();
  }
}

describe('input wrappers', () => {
  it('reads {"Records": [...]}, bare arrays, lookup-events output, NDJSON and a single record', async () => {
    const s = scratch();
    s.put('a.json', { Records: [rec(), rec()] });
    s.put('b.json', [rec()]);
    const inner = rec({ eventName: 'GetCallerIdentity', eventSource: 'sts.amazonaws.com' });
    s.put('c.json', {
      Events: [
        { EventId: inner.eventID, EventName: 'GetCallerIdentity', CloudTrailEvent: JSON.stringify(inner) },
      ],
    });
    s.put('d.jsonl', `${JSON.stringify(rec())}\n${JSON.stringify(rec())}\n`);
    s.put('e.json', rec());
    const r = await ingest([s.dir], s.db);
    expect(r).toMatchObject({ files: 5, records: 7, ingested: 7, duplicates: 0, rejected: 0, problems: [] });
    const got = await rows(s.db, "SELECT event_name FROM events WHERE event_source = 'sts.amazonaws.com'");
    expect(got).toEqual([{ event_name: 'GetCallerIdentity' }]);
  });

  it('recognizes the wrapper of each file', () => {
    const b = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    expect(readRecords(b({ Records: [] }), 'f').wrapper).toBe('Records');
    expect(readRecords(b([]), 'f').wrapper).toBe('array');
    expect(readRecords(b({ Events: [] }), 'f').wrapper).toBe('lookup-events');
    expect(readRecords(b(rec()), 'f').wrapper).toBe('record');
  });

  it('reads gzip by its magic bytes, whatever the name', async () => {
    const s = scratch();
    s.put('AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/x.json.gz', { Records: [rec()] });
    const r = await ingest([s.dir], s.db);
    expect(r).toMatchObject({ files: 1, ingested: 1 });
  });

  it('walks the S3 delivery layout (with an organization folder) and skips digest files', async () => {
    const s = scratch();
    s.put(
      'AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2024/05/01/111122223333_CloudTrail_eu-west-1_20240501T1000Z_a.json.gz',
      {
        Records: [rec(), rec()],
      },
    );
    s.put(
      'AWSLogs/o-abc123/111122223333/CloudTrail-Digest/eu-west-1/2024/05/01/111122223333_CloudTrail-Digest_eu-west-1_x_20240501T1000Z.json.gz',
      {
        awsAccountId: '111122223333',
        digestStartTime: '2024-05-01T09:00:00Z',
      },
    );
    const r = await ingest([s.dir], s.db);
    expect(r).toMatchObject({ files: 1, records: 2, ingested: 2, digests: 1 });
  });
});

describe('problems are reported with file and record index, and the rest is read', () => {
  it('a malformed file is located (line, column) and the other files are still stored', async () => {
    const s = scratch();
    const bad = s.put('bad.json', '{"Records": [\n  {"eventName": }\n]}');
    s.put('good.json', { Records: [rec()] });
    const r = await ingest([s.dir], s.db);
    expect(r.ingested).toBe(1);
    expect(r.problems).toEqual([
      { file: bad, reason: expect.stringMatching(/^line 2, column 17: Invalid JSON/) },
    ]);
  });

  it('a broken gzip file and a non-CloudTrail JSON file are reported', async () => {
    const s = scratch();
    const gz = s.put('x.json.gz', 'not gzip');
    const z = Buffer.from([0x1f, 0x8b, 0, 1, 2]);
    writeFileSync(gz, z);
    const other = s.put('other.json', { Version: '2012-10-17', Statement: [] });
    const r = await ingest([s.dir], s.db);
    expect(r.problems.map((p) => p.file).sort()).toEqual([other, gz].sort());
    expect(r.problems.find((p) => p.file === gz)?.reason).toMatch(/gzip/);
  });

  it('a record that is not an object, or lacks eventSource, eventName or eventTime, is rejected with its index', async () => {
    const s = scratch();
    const f = s.put('r.json', {
      Records: [
        rec(),
        42,
        rec({ eventSource: undefined }),
        rec({ eventTime: '...' }),
        rec({ eventName: null }),
      ],
    });
    const r = await ingest([f], s.db);
    expect(r).toMatchObject({ records: 5, ingested: 1, rejected: 4 });
    expect(r.problems.map((p) => [p.index, p.reason])).toEqual([
      [1, 'record is not a JSON object'],
      [2, 'record has no eventSource'],
      [3, 'eventTime "..." is not a time'],
      [4, 'record has no eventName'],
    ]);
  });

  it('a lookup-events entry whose CloudTrailEvent is not JSON is rejected with its index', async () => {
    const s = scratch();
    const f = s.put('l.json', {
      Events: [{ CloudTrailEvent: '{oops' }, { CloudTrailEvent: JSON.stringify(rec()) }],
    });
    const r = await ingest([f], s.db);
    expect(r).toMatchObject({ records: 2, ingested: 1, rejected: 1 });
    expect(r.problems[0]).toMatchObject({ file: f, index: 0 });
  });
});

describe('duplicates and incremental ingest', () => {
  it('stores a duplicated eventID once, within a file and across files', async () => {
    const s = scratch();
    const a = rec();
    s.put('1.json', { Records: [a, a] });
    s.put('2.json', [a]);
    const r = await ingest([s.dir], s.db);
    expect(r).toMatchObject({ records: 3, ingested: 1, duplicates: 2 });
  });

  it('a record without eventID is keyed by a hash of its content: the same record twice is one event', async () => {
    const s = scratch();
    const a = rec({ eventID: undefined });
    const b = rec({ eventID: undefined, eventName: 'GetBucketAcl' });
    // Two calls alike in every stored column but their request ids are two events.
    const c = rec({ eventID: undefined, requestID: 'req-2' });
    const d = rec({ eventID: undefined, requestID: 'req-3' });
    s.put('1.json', { Records: [a, a, b, c, d, d] });
    const r = await ingest([s.dir], s.db);
    expect(r).toMatchObject({ records: 6, ingested: 4, duplicates: 2 });
    const keys = await rows(s.db, 'SELECT event_key FROM events WHERE event_id IS NULL ORDER BY event_key');
    expect(keys.every((k) => String(k.event_key).startsWith('sha256:'))).toBe(true);
  });

  it("a record without eventID read by DuckDB's reader and by the general reader has one key", async () => {
    const s = scratch();
    const a = rec({ eventID: undefined, requestParameters: { n: 1.5, list: [1, 'x'] } });
    s.put('AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/x.json.gz', { Records: [a] });
    s.put('export.json', [a]);
    const r = await ingest([s.dir], s.db);
    expect(r).toMatchObject({ records: 2, ingested: 1, duplicates: 1 });
  });

  it('the two readers store the same rows: every sample as a delivered file and as a bare array', async () => {
    const records = (dir: string) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .sort()
        .flatMap((f) => {
          const v = JSON.parse(readFileSync(join(dir, f), 'utf8'));
          return Array.isArray(v) ? v : (v.Records ?? []);
        });
    const all = [
      ...records(join(FIX, 'invictus')),
      ...records(join(FIX, 'panther')),
      ...records(join(FIX, 'stratus')),
    ];
    expect(all.length).toBeGreaterThan(1000);
    const delivered = scratch();
    delivered.put('AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/a.json.gz', { Records: all });
    const general = scratch();
    general.put('a.json', all);
    const x = await ingest([delivered.dir], delivered.db);
    const y = await ingest([general.dir], general.db);
    expect(x).toMatchObject({ records: all.length });
    expect({ ...x, problems: x.problems.map((p) => [p.index, p.reason]) }).toEqual({
      ...y,
      problems: y.problems.map((p) => [p.index, p.reason]),
    });
    const dump = async (db: string) =>
      JSON.stringify(await rows(db, 'SELECT * EXCLUDE (file) FROM events ORDER BY record_index'), (_, v) =>
        typeof v === 'bigint' ? Number(v) : v,
      );
    expect(await dump(delivered.db)).toEqual(await dump(general.db));
  });

  it('re-running reads only new or changed files', async () => {
    const s = scratch();
    s.put('1.json', { Records: [rec()] });
    expect(await ingest([s.dir], s.db)).toMatchObject({ files: 1, ingested: 1 });
    expect(await ingest([s.dir], s.db)).toMatchObject({ files: 0, records: 0, unchanged: 1 });
    s.put('2.json', { Records: [rec()] });
    expect(await ingest([s.dir], s.db)).toMatchObject({ files: 1, ingested: 1, unchanged: 1 });
    expect(await rows(s.db, 'SELECT count(*)::INTEGER AS n FROM events')).toEqual([{ n: 2 }]);
  });
});

describe('the public samples (test/fixtures/trail)', () => {
  it('every record is counted in exactly one of ingested, duplicates, rejected', async () => {
    const s = scratch();
    const r = await ingest([FIX], s.db);
    expect(r.files).toBe(23);
    expect(r.ingested + r.duplicates + r.rejected).toBe(r.records);
    // Panther's rule tests: 480 records, 48 without eventID, 15 without eventTime, 2 without eventSource.
    expect(r.rejected).toBeGreaterThan(0);
    expect(
      r.problems.every((p) => p.file.endsWith('panther-test-events.json') && p.index !== undefined),
    ).toBe(true);
  });

  it('Panther: 480 records; missing eventTime, "..."/"redacted" times and missing eventSource rejected; repeated eventIDs ("1") stored once', async () => {
    const s = scratch();
    const r = await ingest([`${FIX}/panther`], s.db);
    expect(r.records).toBe(480);
    const reasons = r.problems.map((p) => p.reason).sort();
    expect(reasons.filter((x) => x === 'record has no eventTime')).toHaveLength(13);
    expect(reasons.filter((x) => x === 'record has no eventSource')).toHaveLength(2);
    expect(reasons.filter((x) => /^eventTime "(\.\.\.|redacted)" is not a time$/.test(x))).toHaveLength(2);
    expect(r.rejected).toBe(17);
    const n = await rows(
      s.db,
      "SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE event_id = '1')::INTEGER AS ones FROM events",
    );
    expect(n).toEqual([{ n: r.ingested, ones: 1 }]);
    expect(r.ingested + r.duplicates).toBe(463);
    // Panther's own metadata fields (p_log_type, p_any_*) are not CloudTrail fields: not stored as columns.
    const cols = await rows(
      s.db,
      "SELECT count(*)::INTEGER AS n FROM information_schema.columns WHERE table_name = 'events' AND column_name LIKE 'p\\_%' ESCAPE '\\'",
    );
    expect(cols).toEqual([{ n: 0 }]);
  });

  it('invictus: the account in the file names differs from the records; the records decide', async () => {
    const s = scratch();
    await ingest([`${FIX}/invictus`], s.db);
    expect(await rows(s.db, 'SELECT DISTINCT account_id FROM events ORDER BY 1')).toEqual([
      { account_id: '123837392027' },
    ]);
  });

  it('fake regions are kept as written (Stratus anonymises them)', async () => {
    const s = scratch();
    await ingest([`${FIX}/stratus`], s.db);
    const got = await rows(
      s.db,
      "SELECT count(*)::INTEGER AS n FROM events WHERE region = 'sagov-westsouth-1r'",
    );
    expect((got[0] as { n: number }).n).toBeGreaterThan(0);
  });

  it('type drift: readOnly written as a string and "YYYY-MM-DD HH:MM:SS.fffffffff" times are normalized', async () => {
    const s = scratch();
    const f = s.put('drift.json', {
      Records: [rec({ readOnly: 'false', eventTime: '2026-01-11 22:54:56.000000000' })],
    });
    await ingest([f], s.db);
    const got = await rows(
      s.db,
      "SELECT read_only, strftime(event_time, '%Y-%m-%dT%H:%M:%S') AS t FROM events",
    );
    expect(got).toEqual([{ read_only: false, t: '2026-01-11T22:54:56' }]);
  });
});

describe('trail ingest CLI', () => {
  it('--format json prints exactly the issue shape', async () => {
    const s = scratch();
    s.put('1.json', { Records: [rec(), 7] });
    const code = await cli('ingest', s.dir, '--db', s.db, '--format', 'json');
    expect(code).toBe(0);
    const out = JSON.parse(io.out);
    expect(Object.keys(out)).toEqual(['files', 'records', 'ingested', 'duplicates', 'rejected', 'problems']);
    expect(out.problems[0]).toEqual({
      file: `${s.dir}/1.json`,
      index: 1,
      reason: 'record is not a JSON object',
    });
  });

  it('exits 2 for a missing path or an unusable file, after storing the rest', async () => {
    const s = scratch();
    s.put('bad.json', '{');
    s.put('ok.json', [rec()]);
    expect(await cli('ingest', s.dir, '--db', s.db)).toBe(2);
    expect(io.out).toMatch(/1 stored/);
    expect(await cli('ingest', `${s.dir}/none`, '--db', s.db)).toBe(2);
    expect(io.err).toMatch(/none: no such file or directory/);
  });
});
