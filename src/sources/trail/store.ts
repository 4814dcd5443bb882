/**
 * CloudTrail events in an embedded DuckDB database: the schema, incremental ingestion and the
 * queries the trail commands run. Every statement here is listed in docs/trail.md with the
 * differences for Athena/Trino over the same S3 data.
 *
 * Ingestion reads each file in Node (gzip, the five wrappers, located problems), normalizes each
 * record once (normalize.ts) and appends rows to a staging table with DuckDB's appender; each
 * batch is merged into `events` with one INSERT ... SELECT that keeps the first record of each
 * event key and skips keys already stored. Files are recorded (path, size, mtime) in the same
 * transaction, so a re-run reads only new or changed files.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBInstance,
  DuckDBTimestampValue,
} from '@duckdb/node-api';
import type { TrailCall } from '../../generate/index.js';
import { listTrailFiles, type TrailFile } from './files.js';
import { type EventRow, normalizeRecord } from './normalize.js';
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
  ['user_identity', 'VARCHAR'],
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
 * Moves a batch into `events`, skipping event keys already stored. (Within a batch, duplicates
 * are dropped before staging: the first record of each key is kept.)
 */
export const MERGE_SQL = `INSERT INTO events
SELECT * FROM staging AS s
WHERE NOT EXISTS (SELECT 1 FROM events AS e WHERE e.event_key = s.event_key)`;

export const KNOWN_FILES_SQL = 'SELECT path, size, mtime_ms FROM ingested_files';

export const RECORD_FILE_SQL =
  'INSERT OR REPLACE INTO ingested_files VALUES ($path, $size, $mtime, $records, now()::TIMESTAMP)';

export const NEWEST_SQL = "SELECT strftime(max(event_time), '%Y-%m-%dT%H:%M:%SZ') AS newest FROM events";

const BATCH_ROWS = 500_000;

/** DuckDB's buffer pool limit (its default is 80% of the machine's memory). */
export const MEMORY_LIMIT = '1GB';

const ts = (ms: number) => new DuckDBTimestampValue(BigInt(ms) * 1000n);

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

  /** The newest event time (ISO 8601, UTC), or undefined for an empty database. */
  async newestEvent(): Promise<string | undefined> {
    const [row] = await this.query<{ newest: string | null }>(NEWEST_SQL);
    return row?.newest ?? undefined;
  }

  /** The calls of one principal (a role: all its sessions) in [from, to), oldest first. */
  async principalCalls(principal: string, from?: string, to?: string): Promise<TrailCall[]> {
    const f = principalFilter(principal);
    const reader = await this.connection.runAndReadAll(CALLS_SQL(f.sql), {
      principal: f.value,
      from: from ?? null,
      to: to ?? null,
    } as never);
    return (reader.getRowObjectsJS() as Array<Record<string, string | null>>).map((r) => ({
      eventTime: r.event_time!,
      eventSource: r.event_source!,
      eventName: r.event_name!,
      eventType: r.event_type,
      errorCode: r.error_code,
      region: r.region,
      accountId: r.account_id,
      principalArn: r.principal_arn,
      accessKeyId: r.access_key_id,
      requestParameters: r.request_parameters ? JSON.parse(r.request_parameters) : null,
      resources: r.resources ? JSON.parse(r.resources) : null,
    }));
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
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE staging (\n  ${columnsSql(EVENT_COLUMNS)}\n)`);
    let appender = await this.connection.createAppender('staging', 'main', 'temp');
    let staged = 0;
    let bytes = 0;
    const batchKeys = new Set<string>();
    let pendingFiles: Array<TrailFile & { records: number }> = [];
    const merge = async () => {
      appender.flushSync();
      appender.closeSync();
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const res = await this.connection.run(MERGE_SQL);
        const inserted = Number(res.rowsChanged);
        summary.ingested += inserted;
        summary.duplicates += staged - inserted;
        batchKeys.clear();
        for (const f of pendingFiles) {
          await this.connection.run(RECORD_FILE_SQL, {
            path: f.path,
            size: f.size,
            mtime: f.mtimeMs,
            records: f.records,
          });
        }
        await this.connection.run('DELETE FROM staging');
        await this.connection.run('COMMIT');
      } catch (e) {
        await this.connection.run('ROLLBACK');
        throw e;
      }
      pendingFiles = [];
      staged = 0;
      appender = await this.connection.createAppender('staging', 'main', 'temp');
    };
    for (let i = 0; i < todo.length; i++) {
      const f = todo[i];
      let data: Uint8Array;
      try {
        data = readFileSync(f.path);
      } catch (e) {
        summary.problems.push({
          file: f.path,
          reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? e}`,
        });
        continue;
      }
      bytes += data.length;
      const { records, problems } = readRecords(data, f.path);
      summary.problems.push(...problems);
      const failed = new Set(problems.map((p) => p.index).filter((x) => x !== undefined));
      summary.records += records.length;
      records.forEach((rec, index) => {
        if (rec === undefined && failed.has(index)) {
          summary.rejected++;
          return;
        }
        const n = normalizeRecord(rec);
        if ('reason' in n) {
          summary.rejected++;
          summary.problems.push({ file: f.path, index, reason: n.reason });
          return;
        }
        if (batchKeys.has(n.row.eventKey)) {
          summary.duplicates++;
          return;
        }
        batchKeys.add(n.row.eventKey);
        appendRow(appender, n.row, f.path, index);
        staged++;
      });
      pendingFiles.push({ ...f, records: records.length });
      if (staged >= BATCH_ROWS) await merge();
      onProgress?.({ filesDone: i + 1, filesTotal: todo.length, records: summary.records, bytes });
    }
    await merge();
    appender.closeSync();
    await this.connection.run('DROP TABLE IF EXISTS staging');
    return summary;
  }
}

function appendRow(a: DuckDBAppender, r: EventRow, file: string, index: number): void {
  const s = (v: string | null) => (v === null ? a.appendNull() : a.appendVarchar(v));
  const b = (v: boolean | null) => (v === null ? a.appendNull() : a.appendBoolean(v));
  a.appendVarchar(r.eventKey);
  s(r.eventId);
  a.appendTimestamp(ts(r.eventTime));
  s(r.eventVersion);
  s(r.accountId);
  s(r.region);
  a.appendVarchar(r.eventSource);
  a.appendVarchar(r.eventName);
  s(r.eventType);
  s(r.eventCategory);
  b(r.readOnly);
  b(r.managementEvent);
  s(r.identityType);
  s(r.principalArn);
  s(r.principalId);
  s(r.principalAccount);
  s(r.userName);
  s(r.accessKeyId);
  s(r.invokedBy);
  s(r.sessionIssuerArn);
  s(r.sessionIssuerType);
  b(r.sessionMfa);
  if (r.sessionCreated === null) a.appendNull();
  else a.appendTimestamp(ts(r.sessionCreated));
  s(r.sourceIdentity);
  s(r.sourceIp);
  s(r.userAgent);
  s(r.errorCode);
  s(r.errorMessage);
  s(r.vpcEndpointId);
  s(r.requestParameters);
  s(r.responseElements);
  s(r.resources);
  s(r.additionalEventData);
  s(r.userIdentity);
  a.appendVarchar(file);
  a.appendInteger(index);
  a.endRow();
}

/** The principal filter of `generate`: a role matches every session of it; a user or session ARN matches itself. */
export function principalFilter(arn: string): { sql: string; value: string } {
  if (/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(arn))
    return { sql: 'session_issuer_arn = $principal', value: arn };
  return { sql: 'principal_arn = $principal', value: arn };
}

export const CALLS_SQL = (filter: string) => `SELECT
  strftime(event_time, '%Y-%m-%dT%H:%M:%SZ') AS event_time,
  event_source, event_name, event_type, error_code, region, account_id, principal_arn, access_key_id,
  CAST(request_parameters AS VARCHAR) AS request_parameters,
  CAST(resources AS VARCHAR) AS resources
FROM events
WHERE ${filter}
  AND ($from IS NULL OR event_time >= CAST($from AS TIMESTAMP))
  AND ($to IS NULL OR event_time < CAST($to AS TIMESTAMP))
ORDER BY event_time, event_key`;
