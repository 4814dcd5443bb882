/**
 * CloudTrail events in an embedded DuckDB database: the schema, incremental ingestion and the
 * queries the trail commands run. Every statement here is listed in docs/trail.md with the
 * differences for Athena/Trino over the same S3 data.
 *
 * Ingestion: delivered log files are read by DuckDB's JSON reader (in parallel, gzip included);
 * any file it refuses or reads no record from goes through the general reader (records.ts: every
 * wrapper, located problems), whose records are handed to the same SQL. One statement
 * (STAGE_SQL) turns a record into a row or the reason it cannot be stored; each batch is merged
 * into `events` keeping the first record of each event key and skipping keys already stored.
 * Files are recorded (path, size, mtime) in the same transaction, so a re-run reads only new or
 * changed files.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { TrailCall } from '../../generate/index.js';
import { listTrailFiles, type TrailFile } from './files.js';
import { type FileProblem, readRecords } from './records.js';

export interface IngestSummary {
  files: number;
  records: number;
  ingested: number;
  duplicates: number;
  rejected: number;
  problems: FileProblem[];
  /** Files skipped because the same path, size and mtime were ingested before. */
  unchanged: number;
  /** Digest files skipped. */
  digests: number;
  /** Paths given that do not exist. */
  missing: string[];
}

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  records: number;
  bytes: number;
}

/** The events table. Column comments are in docs/trail.md. */
export const EVENT_COLUMNS: Array<[string, string]> = [
  ['event_key', 'VARCHAR NOT NULL'],
  ['event_id', 'VARCHAR'],
  ['event_time', 'TIMESTAMP NOT NULL'],
  ['event_version', 'VARCHAR'],
  ['account_id', 'VARCHAR'],
  ['region', 'VARCHAR'],
  ['event_source', 'VARCHAR NOT NULL'],
  ['event_name', 'VARCHAR NOT NULL'],
  ['event_type', 'VARCHAR'],
  ['event_category', 'VARCHAR'],
  ['read_only', 'BOOLEAN'],
  ['management_event', 'BOOLEAN'],
  ['identity_type', 'VARCHAR'],
  ['principal_arn', 'VARCHAR'],
  ['principal_id', 'VARCHAR'],
  ['principal_account', 'VARCHAR'],
  ['user_name', 'VARCHAR'],
  ['access_key_id', 'VARCHAR'],
  ['invoked_by', 'VARCHAR'],
  ['session_issuer_arn', 'VARCHAR'],
  ['session_issuer_type', 'VARCHAR'],
  ['session_mfa', 'BOOLEAN'],
  ['session_created', 'TIMESTAMP'],
  ['source_identity', 'VARCHAR'],
  ['source_ip', 'VARCHAR'],
  ['user_agent', 'VARCHAR'],
  ['error_code', 'VARCHAR'],
  ['error_message', 'VARCHAR'],
  ['vpc_endpoint_id', 'VARCHAR'],
  ['request_parameters', 'VARCHAR'],
  ['response_elements', 'VARCHAR'],
  ['resources', 'VARCHAR'],
  ['additional_event_data', 'VARCHAR'],
  ['file', 'VARCHAR NOT NULL'],
  ['record_index', 'INTEGER NOT NULL'],
];

const columnsSql = (cols: Array<[string, string]>) => cols.map(([n, t]) => `${n} ${t}`).join(',\n  ');

export const SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS events (\n  ${columnsSql(EVENT_COLUMNS)}\n)`,
  `CREATE TABLE IF NOT EXISTS ingested_files (
  path VARCHAR PRIMARY KEY,
  size BIGINT NOT NULL,
  mtime_ms BIGINT NOT NULL,
  records INTEGER NOT NULL,
  ingested_at TIMESTAMP NOT NULL
)`,
];

/**
 * One row per file of the batch being ingested: its order (the first record of an event key in
 * this order wins), size and mtime for `ingested_files`, and its record count once read.
 */
/** Records of one batch on their way in: the event columns, and why a record cannot be stored. */
export const STAGING_SQL = `CREATE OR REPLACE TEMP TABLE staging (
  reason VARCHAR,
  file_order INTEGER,
  ${columnsSql(EVENT_COLUMNS.map(([n, t]) => [n, t.replace(' NOT NULL', '')]))}
)`;

export const BATCH_FILES_SQL = `CREATE OR REPLACE TEMP TABLE batch_files (
  path VARCHAR NOT NULL,
  file_order INTEGER NOT NULL,
  size BIGINT NOT NULL,
  mtime_ms BIGINT NOT NULL,
  records INTEGER
)`;

/**
 * The records of delivered log files (`{"Records": [...]}`, gzip or not), read by DuckDB's own
 * JSON reader in parallel: one row per record with its file and index. `$files` is the list of
 * paths, written into the statement as a list literal. A file that yields no row (another
 * wrapper, or an empty `Records`) is read again by the general reader.
 */
export const DELIVERED_RECORDS_SQL = `SELECT filename AS file, unnest(range(len(recs)))::INTEGER AS record_index, unnest(recs)::VARCHAR AS rec
FROM (
  SELECT filename, json_extract(json, '$.Records[*]') AS recs
  FROM read_json_objects($files, format = 'unstructured', filename = true, maximum_object_size = 134217728)
)`;

/** Records read by the general reader (every other wrapper), as JSON text re-serialized by DuckDB so hashes agree. */
export const GENERAL_RECORDS_SQL =
  'SELECT file, record_index, json(rec)::VARCHAR AS rec FROM general_records';

/** The scalar members each record is read for, in one pass over its JSON (json_extract_string with a path list). */
const SCALAR_PATHS = [
  'eventID',
  'eventTime',
  'eventVersion',
  'recipientAccountId',
  'awsRegion',
  'eventSource',
  'eventName',
  'eventType',
  'eventCategory',
  'readOnly',
  'managementEvent',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'vpcEndpointId',
  'userIdentity.type',
  'userIdentity.arn',
  'userIdentity.principalId',
  'userIdentity.accountId',
  'userIdentity.userName',
  'userIdentity.accessKeyId',
  'userIdentity.invokedBy',
  'userIdentity.sourceIdentity',
  'userIdentity.sessionContext.sourceIdentity',
  'userIdentity.sessionContext.sessionIssuer.arn',
  'userIdentity.sessionContext.sessionIssuer.type',
  'userIdentity.sessionContext.sessionIssuer.userName',
  'userIdentity.sessionContext.attributes.mfaAuthenticated',
  'userIdentity.sessionContext.attributes.creationDate',
] as const;

/** The members kept as JSON text. */
const JSON_PATHS = ['requestParameters', 'responseElements', 'resources', 'additionalEventData'] as const;

const sc = (name: (typeof SCALAR_PATHS)[number]) => `"${name}"`;
const js = (name: (typeof JSON_PATHS)[number]) => `nullif("${name}"::VARCHAR, 'null')`;
/** A member that must be a string (an object or array there is no name). */
const name = (n: 'eventSource' | 'eventName') =>
  `CASE WHEN NOT (starts_with(${sc(n)}, '{') OR starts_with(${sc(n)}, '[')) THEN ${sc(n)} END`;
/** true/false, also when written as a string in any case ("True", " false"). */
const bool = (e: string) => `CASE lower(trim(${e})) WHEN 'true' THEN true WHEN 'false' THEN false END`;
/** CloudTrail times (ISO 8601, or "YYYY-MM-DD HH:MM:SS.fffffffff"), with an offset or without (UTC). */
const time = (e: string) => `try_cast(${e} AS TIMESTAMPTZ)::TIMESTAMP`;

/**
 * Normalizes the records of the view `records` (file, record_index, rec) into staged event rows,
 * or the reason a record cannot be stored. The single place where a CloudTrail record becomes a
 * row: type drift (booleans as strings, times with a space or an offset) is absorbed here once.
 * Field meanings: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * and https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
 */
export const STAGE_SQL = `INSERT INTO staging
SELECT
  CASE
    WHEN NOT starts_with(rec, '{') THEN 'record is not a JSON object'
    WHEN ${name('eventSource')} IS NULL THEN 'record has no eventSource'
    WHEN ${name('eventName')} IS NULL THEN 'record has no eventName'
    WHEN ${sc('eventTime')} IS NULL THEN 'record has no eventTime'
    WHEN ${time(sc('eventTime'))} IS NULL THEN 'eventTime ' || json_extract(rec, '$.eventTime')::VARCHAR || ' is not a time'
  END AS reason,
  b.file_order,
  coalesce(${sc('eventID')}, 'sha256:' || sha256(rec)) AS event_key,
  ${sc('eventID')} AS event_id,
  ${time(sc('eventTime'))} AS event_time,
  ${sc('eventVersion')} AS event_version,
  coalesce(${sc('recipientAccountId')}, ${sc('userIdentity.accountId')}) AS account_id,
  ${sc('awsRegion')} AS region,
  ${name('eventSource')} AS event_source,
  ${name('eventName')} AS event_name,
  ${sc('eventType')} AS event_type,
  ${sc('eventCategory')} AS event_category,
  ${bool(sc('readOnly'))} AS read_only,
  ${bool(sc('managementEvent'))} AS management_event,
  ${sc('userIdentity.type')} AS identity_type,
  ${sc('userIdentity.arn')} AS principal_arn,
  ${sc('userIdentity.principalId')} AS principal_id,
  ${sc('userIdentity.accountId')} AS principal_account,
  coalesce(${sc('userIdentity.userName')}, ${sc('userIdentity.sessionContext.sessionIssuer.userName')}) AS user_name,
  ${sc('userIdentity.accessKeyId')} AS access_key_id,
  ${sc('userIdentity.invokedBy')} AS invoked_by,
  ${sc('userIdentity.sessionContext.sessionIssuer.arn')} AS session_issuer_arn,
  ${sc('userIdentity.sessionContext.sessionIssuer.type')} AS session_issuer_type,
  ${bool(sc('userIdentity.sessionContext.attributes.mfaAuthenticated'))} AS session_mfa,
  ${time(sc('userIdentity.sessionContext.attributes.creationDate'))} AS session_created,
  coalesce(${sc('userIdentity.sessionContext.sourceIdentity')}, ${sc('userIdentity.sourceIdentity')}) AS source_identity,
  ${sc('sourceIPAddress')} AS source_ip,
  ${sc('userAgent')} AS user_agent,
  ${sc('errorCode')} AS error_code,
  ${sc('errorMessage')} AS error_message,
  ${sc('vpcEndpointId')} AS vpc_endpoint_id,
  ${js('requestParameters')} AS request_parameters,
  CASE WHEN ${sc('eventSource')} IN ('sts.amazonaws.com', 'signin.amazonaws.com') THEN ${js('responseElements')} END AS response_elements,
  ${js('resources')} AS resources,
  ${js('additionalEventData')} AS additional_event_data,
  r.file,
  r.record_index
FROM (
  SELECT file, record_index, rec,
    ${SCALAR_PATHS.map((p, i) => `v[${i + 1}] AS "${p}"`).join(', ')},
    ${JSON_PATHS.map((p, i) => `j[${i + 1}] AS "${p}"`).join(', ')}
  FROM (
    SELECT file, record_index, rec,
      json_extract_string(rec, [${SCALAR_PATHS.map((p) => `'$.${p}'`).join(', ')}]) AS v,
      json_extract(rec, [${JSON_PATHS.map((p) => `'$.${p}'`).join(', ')}]) AS j
    FROM records
  )
) AS r
JOIN batch_files AS b ON b.path = r.file`;

/**
 * The records of the batch to store: the first (in file order, then record order) of each event
 * key not already stored. Only narrow columns are read, so the dedupe costs little beside the
 * wide rows (the windows and anti-joins over whole staged rows once cost as much as the write).
 */
export const BATCH_KEEP_SQL = `CREATE OR REPLACE TEMP TABLE batch_keep AS
SELECT file_order, record_index FROM staging AS s
WHERE s.reason IS NULL
  AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.event_key = s.event_key)
QUALIFY row_number() OVER (PARTITION BY s.event_key ORDER BY s.file_order, s.record_index) = 1`;

/** Moves the kept records of the batch into `events`. */
export const MERGE_SQL = `INSERT INTO events
SELECT * EXCLUDE (reason, file_order) FROM staging AS s
WHERE EXISTS (SELECT 1 FROM batch_keep AS k WHERE k.file_order = s.file_order AND k.record_index = s.record_index)`;

export const KNOWN_FILES_SQL = 'SELECT path, size, mtime_ms FROM ingested_files';

export const RECORD_FILES_SQL = `INSERT OR REPLACE INTO ingested_files
SELECT path, size, mtime_ms, records, now()::TIMESTAMP FROM batch_files WHERE records IS NOT NULL`;

export const PARSE_TIME_SQL = `SELECT strftime(${time('$value')}, '%Y-%m-%d %H:%M:%S.%f') AS t`;

export const NEWEST_SQL = "SELECT strftime(max(event_time), '%Y-%m-%dT%H:%M:%SZ') AS newest FROM events";

/** Batch bounds: files, and bytes as stored (gzip'd delivery files expand about 10x). */
const BATCH_FILES = 512;
const BATCH_BYTES = 48 * 1024 * 1024;

/** DuckDB's buffer pool limit (its default is 80% of the machine's memory). */
export const MEMORY_LIMIT = '1GB';

export class TrailStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens (creating when needed) the database file; `:memory:` for a scratch database. */
  static async open(path: string): Promise<TrailStore> {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    // A bounded buffer pool keeps memory flat however many files are ingested: DuckDB writes
    // to the database file (and spills) instead of holding the table in memory.
    const instance = await DuckDBInstance.create(path, { memory_limit: MEMORY_LIMIT });
    const connection = await instance.connect();
    // Record times without an offset are UTC (CloudTrail writes UTC).
    await connection.run("SET TimeZone = 'UTC'");
    for (const sql of SCHEMA_SQL) await connection.run(sql);
    return new TrailStore(instance, connection);
  }

  /** Empties the database (events and the record of ingested files), e.g. before a fresh ingest. */
  async reset(): Promise<void> {
    await this.connection.run('DROP TABLE IF EXISTS events');
    await this.connection.run('DROP TABLE IF EXISTS ingested_files');
    for (const sql of SCHEMA_SQL) await this.connection.run(sql);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  async query<T = Record<string, unknown>>(sql: string, params?: Record<string, string | number | boolean>) {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as T[];
  }

  /** A time as the records' times are read (ISO 8601, offset or UTC), as TIMESTAMP text; undefined when it is not one. */
  async parseTime(value: string): Promise<string | undefined> {
    const [row] = await this.query<{ t: string | null }>(PARSE_TIME_SQL, { value });
    return row?.t ?? undefined;
  }

  /** The newest event time (ISO 8601, UTC), or undefined for an empty database. */
  async newestEvent(): Promise<string | undefined> {
    const [row] = await this.query<{ newest: string | null }>(NEWEST_SQL);
    return row?.newest ?? undefined;
  }

  /**
   * The calls of one principal (a role: all its sessions) in [from, to), oldest first: identical
   * calls (same action, error, place, caller, parameters and resources) come once, with their count
   * and first and last time, so the generator's work follows what was distinct, not how often.
   */
  async principalCalls(principal: string, from?: string, to?: string): Promise<TrailCall[]> {
    const f = principalFilter(principal);
    const reader = await this.connection.runAndReadAll(CALLS_SQL(f.sql), {
      principal: f.value,
      from: from ?? null,
      to: to ?? null,
    } as never);
    return (reader.getRowObjectsJS() as Array<Record<string, string | bigint | null>>).map((r) => {
      const s = r as Record<string, string | null>;
      return {
        eventTime: s.first_seen!,
        lastSeen: s.last_seen!,
        count: Number(r.calls),
        eventSource: s.event_source!,
        eventName: s.event_name!,
        eventType: s.event_type,
        errorCode: s.error_code,
        region: s.region,
        accountId: s.account_id,
        principalArn: s.principal_arn,
        accessKeyId: s.access_key_id,
        requestParameters: s.request_parameters ? JSON.parse(s.request_parameters) : null,
        resources: s.resources ? JSON.parse(s.resources) : null,
      };
    });
  }

  /** Reads every log file under `paths` not ingested before, and stores its records. */
  async ingest(paths: readonly string[], onProgress?: (p: IngestProgress) => void): Promise<IngestSummary> {
    const list = listTrailFiles(paths);
    const known = new Map<string, { size: number; mtime: number }>();
    for (const r of await this.query<{ path: string; size: bigint | number; mtime_ms: bigint | number }>(
      KNOWN_FILES_SQL,
    )) {
      known.set(r.path, { size: Number(r.size), mtime: Number(r.mtime_ms) });
    }
    const todo: TrailFile[] = [];
    let unchanged = 0;
    for (const f of list.files) {
      const k = known.get(f.path);
      if (k && k.size === f.size && k.mtime === f.mtimeMs) unchanged++;
      else todo.push(f);
    }
    const summary: IngestSummary = {
      files: todo.length,
      records: 0,
      ingested: 0,
      duplicates: 0,
      rejected: 0,
      problems: [],
      unchanged,
      digests: list.digests,
      missing: list.missing,
    };
    const c = this.connection;
    // Rows may be staged and stored in any order (the first record of a key is chosen by file
    // and record index, never by position): DuckDB then reads and writes on every thread
    // instead of one (at 400k events the staging statement took half the wall time).
    await c.run('SET preserve_insertion_order = false');
    await c.run(STAGING_SQL);
    await c.run(
      'CREATE OR REPLACE TEMP TABLE general_records (file VARCHAR, record_index INTEGER, rec VARCHAR)',
    );
    let done = 0;
    let bytes = 0;
    try {
      for (const batch of batches(todo)) {
        await this.ingestBatch(batch, done, summary);
        done += batch.length;
        for (const f of batch) bytes += f.size;
        onProgress?.({ filesDone: done, filesTotal: todo.length, records: summary.records, bytes });
      }
    } finally {
      await c.run('RESET preserve_insertion_order');
      await c.run('DROP VIEW IF EXISTS temp.records');
      for (const t of ['staging', 'general_records', 'batch_files', 'batch_keep'])
        await c.run(`DROP TABLE IF EXISTS temp.${t}`);
    }
    return summary;
  }

  /** Stages one batch of files (DuckDB's reader first, the general reader for the rest) and merges it. */
  private async ingestBatch(batch: TrailFile[], firstOrder: number, summary: IngestSummary): Promise<void> {
    const c = this.connection;
    await c.run(BATCH_FILES_SQL);
    const app = await c.createAppender('batch_files', 'main', 'temp');
    batch.forEach((f, i) => {
      app.appendVarchar(f.path);
      app.appendInteger(firstOrder + i);
      app.appendBigInt(BigInt(f.size));
      app.appendBigInt(BigInt(f.mtimeMs));
      app.appendNull();
      app.endRow();
    });
    app.flushSync();
    app.closeSync();
    await c.run('DELETE FROM staging');
    const problems: Array<FileProblem & { order: number }> = [];
    const order = new Map(batch.map((f, i) => [f.path, firstOrder + i]));

    // 1. Delivered log files through DuckDB's JSON reader; a batch it refuses is retried file by file.
    const fast = batch.filter((f) => !GLOB_CHARS.test(f.path));
    const general = new Set(batch.filter((f) => GLOB_CHARS.test(f.path)).map((f) => f.path));
    if (!(await this.stageDelivered(fast.map((f) => f.path)))) {
      for (const f of fast) if (!(await this.stageDelivered([f.path]))) general.add(f.path);
    }
    const counts = await this.query<{ file: string; n: bigint; d: bigint }>(
      'SELECT file, count(*) AS n, count(DISTINCT record_index) AS d FROM staging GROUP BY file',
    );
    const staged = new Map(counts.map((r) => [r.file, r]));
    for (const f of fast) {
      const r = staged.get(f.path);
      // No record read (another wrapper) or several JSON values in one file: the general reader decides.
      if (!r || r.n !== r.d) {
        if (r) await c.run('DELETE FROM staging WHERE file = $file', { file: f.path });
        general.add(f.path);
      }
    }
    await c.run(
      `UPDATE batch_files SET records = c.n
FROM (SELECT file, count(*) AS n FROM staging GROUP BY file) AS c WHERE c.file = batch_files.path`,
    );

    // 2. Every other wrapper (and any file DuckDB's reader refused) through the general reader.
    if (general.size > 0) {
      const rows = await c.createAppender('general_records', 'main', 'temp');
      const counted: Array<{ path: string; n: number }> = [];
      for (const path of general) {
        let data: Uint8Array;
        try {
          data = readFileSync(path);
        } catch (e) {
          problems.push({
            file: path,
            order: order.get(path)!,
            reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? e}`,
          });
          continue;
        }
        const read = readRecords(data, path);
        for (const p of read.problems) problems.push({ ...p, order: order.get(path)! });
        const failed = new Set(read.problems.map((p) => p.index).filter((x) => x !== undefined));
        read.records.forEach((rec, index) => {
          if (rec === undefined && failed.has(index)) {
            summary.rejected++;
            return;
          }
          rows.appendVarchar(path);
          rows.appendInteger(index);
          rows.appendVarchar(JSON.stringify(rec ?? null));
          rows.endRow();
        });
        counted.push({ path, n: read.records.length });
      }
      rows.flushSync();
      rows.closeSync();
      for (const { path, n } of counted)
        await c.run('UPDATE batch_files SET records = $n WHERE path = $path', { n, path });
      await c.run(`CREATE OR REPLACE TEMP VIEW records AS ${GENERAL_RECORDS_SQL}`);
      await c.run(STAGE_SQL);
      await c.run('DELETE FROM general_records');
    }

    // 3. Rejected records, duplicates within the batch, then the merge.
    for (const r of await this.query<{
      file: string;
      record_index: number;
      reason: string;
      file_order: number;
    }>('SELECT file, record_index, reason, file_order FROM staging WHERE reason IS NOT NULL')) {
      problems.push({ file: r.file, index: r.record_index, reason: r.reason, order: r.file_order });
    }
    const [tally] = await this.query<{ records: bigint | null; ok: bigint; bad: bigint }>(
      `SELECT (SELECT sum(records) FROM batch_files) AS records,
  count(*) FILTER (WHERE reason IS NULL) AS ok, count(*) FILTER (WHERE reason IS NOT NULL) AS bad
FROM staging`,
    );
    await c.run(BATCH_KEEP_SQL);
    await c.run('BEGIN TRANSACTION');
    try {
      const inserted = Number((await c.run(MERGE_SQL)).rowsChanged);
      await c.run(RECORD_FILES_SQL);
      await c.run('COMMIT');
      summary.ingested += inserted;
      summary.duplicates += Number(tally.ok) - inserted;
    } catch (e) {
      await c.run('ROLLBACK');
      throw e;
    }
    summary.rejected += Number(tally.bad);
    summary.records += Number(tally.records ?? 0);
    problems.sort((a, b) => a.order - b.order || (a.index ?? -1) - (b.index ?? -1));
    for (const { order: _, ...p } of problems) summary.problems.push(p);
  }

  /** Stages the records of delivered log files with DuckDB's reader; false when DuckDB cannot read them. */
  private async stageDelivered(files: string[]): Promise<boolean> {
    if (files.length === 0) return true;
    const list = `[${files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
    try {
      await this.connection.run(
        `CREATE OR REPLACE TEMP VIEW records AS ${DELIVERED_RECORDS_SQL.replace('$files', list)}`,
      );
      await this.connection.run(STAGE_SQL);
      return true;
    } catch {
      // The general reader reads the file and reports what is wrong with it, located.
      return false;
    }
  }
}

/** Characters DuckDB's file reader would take as a glob pattern: such paths go through the general reader. */
const GLOB_CHARS = /[*?[\]{}]/;

/** Files per batch: bounded in count and in bytes as stored, so a batch's staging fits the buffer pool. */
function* batches(files: TrailFile[]): Generator<TrailFile[]> {
  let batch: TrailFile[] = [];
  let size = 0;
  for (const f of files) {
    if (batch.length > 0 && (batch.length >= BATCH_FILES || size + f.size > BATCH_BYTES)) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(f);
    size += f.size;
  }
  if (batch.length > 0) yield batch;
}

/** The principal filter of `generate`: a role matches every session of it; a user or session ARN matches itself. */
export function principalFilter(arn: string): { sql: string; value: string } {
  if (/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(arn))
    return { sql: 'session_issuer_arn = $principal', value: arn };
  return { sql: 'principal_arn = $principal', value: arn };
}

export const CALLS_SQL = (filter: string) => `SELECT
  strftime(min(event_time), '%Y-%m-%dT%H:%M:%SZ') AS first_seen,
  strftime(max(event_time), '%Y-%m-%dT%H:%M:%SZ') AS last_seen,
  count(*) AS calls,
  event_source, event_name, event_type, error_code, region, account_id, principal_arn, access_key_id,
  request_parameters, resources
FROM events
WHERE ${filter}
  AND ($from IS NULL OR event_time >= CAST($from AS TIMESTAMP))
  AND ($to IS NULL OR event_time < CAST($to AS TIMESTAMP))
GROUP BY ALL
ORDER BY first_seen, event_source, event_name, principal_arn, access_key_id, request_parameters, resources`;
