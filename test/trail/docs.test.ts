/** docs/trail.md shows the SQL the code runs, word for word, and each statement runs on DuckDB. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SESSION_CALLS_SQL, SESSIONS_SQL } from '../../src/sources/trail/sessions.js';
import {
  BATCH_FILES_SQL,
  BATCH_KEEP_SQL,
  CALLS_SQL,
  DELIVERED_RECORDS_SQL,
  GENERAL_RECORDS_SQL,
  KNOWN_FILES_SQL,
  MERGE_SQL,
  NEWEST_SQL,
  PARSE_TIME_SQL,
  principalFilter,
  RECORD_FILES_SQL,
  SCHEMA_SQL,
  STAGE_SQL,
  STAGING_SQL,
  TrailStore,
} from '../../src/sources/trail/store.js';
import { FIX, scratch } from './helpers.js';

const doc = readFileSync('docs/trail.md', 'utf8');
const role = CALLS_SQL(principalFilter('arn:aws:iam::123837392027:role/x').sql);
const user = CALLS_SQL(principalFilter('arn:aws:iam::123837392027:user/bert-jan').sql);

describe('docs/trail.md', () => {
  it('holds every statement verbatim', () => {
    for (const sql of [
      ...SCHEMA_SQL,
      BATCH_FILES_SQL,
      STAGING_SQL,
      DELIVERED_RECORDS_SQL,
      GENERAL_RECORDS_SQL,
      STAGE_SQL,
      BATCH_KEEP_SQL,
      MERGE_SQL,
      KNOWN_FILES_SQL,
      RECORD_FILES_SQL,
      PARSE_TIME_SQL,
      NEWEST_SQL,
      role,
      user,
      SESSIONS_SQL,
      SESSION_CALLS_SQL,
    ]) {
      expect(doc).toContain(sql);
    }
  });

  it('the read statements run on DuckDB over the samples', async () => {
    const s = scratch();
    const store = await TrailStore.open(s.db);
    await store.ingest([FIX]);
    const params = { principal: 'arn:aws:iam::123837392027:user/bert-jan', from: null, to: null } as never;
    expect((await store.connection.runAndReadAll(user, params)).currentRowCount).toBeGreaterThan(0);
    await store.connection.runAndReadAll(role, params);
    expect((await store.query(SESSIONS_SQL)).length).toBeGreaterThan(0);
    expect((await store.query(SESSION_CALLS_SQL)).length).toBeGreaterThan(0);
    expect(await store.newestEvent()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await store.query(KNOWN_FILES_SQL)).length).toBe(23);
    store.close();
  });
});
