import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { generatePolicy } from '../generate/index.js';
import { verifyGenerated } from '../pipelines/trail.js';
import { type PrincipalActivity, unusedAccess } from '../pipelines/trail-unused.js';
import {
  generateJson,
  generateText,
  ingestJson,
  ingestText,
  sessionsJson,
  sessionsText,
  unusedJson,
  unusedText,
  verificationNote,
  verificationProblems,
} from '../report/trail.js';
import { type AccountSnapshot, readSnapshot } from '../sources/account/index.js';
import { loadMappingData } from '../sources/trail/mapping-data.js';
import { listSessions } from '../sources/trail/sessions.js';
import { type IngestProgress, type IngestSummary, TrailStore } from '../sources/trail/store.js';
import { InputError, oneOf } from './errors.js';
import { addExitCodesHelp } from './exit-codes.js';
import { prefixed, writeErr, writeNote, writeOut } from './io.js';
import { createProgress, type Progress } from './progress.js';
import type { CommandState } from './state.js';

function format(value: string): 'text' | 'json' {
  return oneOf('--format', value, ['text', 'json'] as const);
}

/** The ingest's progress line (src/cli/progress.ts): files, records and rates. */
function ingestProgress(progress: Progress): (p: IngestProgress) => void {
  const start = performance.now();
  return (p) => {
    const secs = Math.max((performance.now() - start) / 1000, 0.001);
    progress.update(
      `ingesting: ${p.filesDone}/${p.filesTotal} files, ${p.records.toLocaleString('en-US')} records, ${Math.round(p.records / secs).toLocaleString('en-US')} records/s, ${(p.bytes / 1e6 / secs).toFixed(1)} MB/s`,
    );
  };
}

async function openStore(db: string): Promise<TrailStore> {
  try {
    return await TrailStore.open(db);
  } catch (e) {
    throw new InputError(`${db}: cannot open as a DuckDB database: ${(e as Error).message}`);
  }
}

export function registerTrail(program: Command, state: CommandState): void {
  const trail = program
    .command('trail')
    .description('CloudTrail logs in, least-privilege policies, unused access and role sessions out');

  const ingest = trail
    .command('ingest')
    .description(
      'read CloudTrail files (S3 layout, Records, arrays, lookup-events; gzip or not) into a DuckDB file',
    )
    .argument('<path...>', 'files or directories (a synced copy of the trail bucket)')
    .requiredOption('--db <file>', 'DuckDB database file (created when missing)')
    .option('--rebuild', 'empty the database first and read every file again')
    .option('--format <format>', 'text or json', 'text')
    .action(async (paths: string[], opts: { db: string; format: string; rebuild?: boolean }) => {
      const fmt = format(opts.format);
      const store = await openStore(opts.db);
      try {
        if (opts.rebuild) await store.reset();
        const progress = createProgress();
        let summary: IngestSummary;
        try {
          summary = await store.ingest(paths, ingestProgress(progress));
        } finally {
          progress.done();
        }
        writeOut(fmt === 'json' ? ingestJson(summary) : ingestText(summary));
        for (const m of summary.missing) writeErr(prefixed(`${m}: no such file or directory`));
        const unusableFile = summary.problems.some((p) => p.index === undefined);
        state.exitCode = summary.missing.length > 0 || unusableFile ? 2 : 0;
      } finally {
        store.close();
      }
    });

  const generate = trail
    .command('generate')
    .description(
      'a least-privilege identity policy from what a principal (user, or role over all its sessions) did',
    )
    .requiredOption('--db <file>', 'DuckDB database written by trail ingest')
    .requiredOption('--principal <arn>', 'IAM user or role ARN (or one session ARN)')
    .option('--from <time>', 'only calls at or after this time (ISO 8601)')
    .option('--to <time>', 'only calls before this time (ISO 8601)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { db: string; principal: string; from?: string; to?: string; format: string }) => {
      const fmt = format(opts.format);
      if (!/^arn:aws[a-z-]*:(iam|sts)::\d{12}:/.test(opts.principal)) {
        throw new InputError(
          `--principal must be an IAM user or role ARN (or an STS session ARN), not "${opts.principal}"`,
        );
      }
      const store = await openExisting(opts.db);
      try {
        const from = await time(store, '--from', opts.from);
        const to = await time(store, '--to', opts.to);
        const events = await store.principalCalls(opts.principal, from, to);
        if (events.length === 0) {
          throw new InputError(
            `${opts.db}: no calls by ${opts.principal}${from || to ? ' in the time window' : ''}`,
          );
        }
        const result = generatePolicy(opts.principal, events, loadMappingData());
        const v = verifyGenerated(result);
        if (fmt === 'json') {
          writeOut(generateJson(result));
          for (const n of result.notes) writeNote(n);
          writeNote(verificationNote(v));
          for (const p of verificationProblems(v)) writeErr(prefixed(`error: ${p}`));
        } else {
          writeOut(generateText(result, v));
        }
        state.exitCode = v.ok ? 0 : 1;
      } finally {
        store.close();
      }
    });

  registerSessions(trail, state);
  registerUnused(trail, state);
  addExitCodesHelp(ingest, ['0', '2']);
  addExitCodesHelp(generate, ['0', '1', '2']);
}

export function registerSessions(trail: Command, state: CommandState): void {
  const sessions = trail
    .command('sessions')
    .description('role sessions: who assumed what, from where, chains, cross-account, MFA, and what each did')
    .requiredOption('--db <file>', 'DuckDB database written by trail ingest')
    .option('--principal <arn>', 'only sessions of this role, this session, or started by this principal')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { db: string; principal?: string; format: string }) => {
      const fmt = format(opts.format);
      const store = await openExisting(opts.db);
      try {
        const found = await listSessions(store, opts.principal);
        writeOut(fmt === 'json' ? sessionsJson(found) : sessionsText(found));
        state.exitCode = 0;
      } finally {
        store.close();
      }
    });
  addExitCodesHelp(sessions, ['0', '2']);
}

export function registerUnused(trail: Command, state: CommandState): void {
  const unused = trail
    .command('unused')
    .description(
      "unused roles, access keys, passwords and permissions, in Access Analyzer's unused-access finding shapes",
    )
    .requiredOption(
      '--snapshot <path>',
      'account snapshot (directory or bundle) as read by leastpriv account',
    )
    .requiredOption('--db <file>', 'DuckDB database written by trail ingest')
    .option('--days <n>', 'unused-access window in days, ending at the newest event in the database', '90')
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { snapshot: string; db: string; days: string; format: string }) => {
      const fmt = format(opts.format);
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1)
        throw new InputError(`--days must be a whole number of days, not "${opts.days}"`);
      const snapshot = readAccountSnapshot(opts.snapshot);
      const store = await openExisting(opts.db);
      try {
        const newest = await store.newestEvent();
        if (!newest) throw new InputError(`${opts.db}: the database holds no events`);
        const to = newest;
        const from = new Date(Date.parse(to) - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const activity = new Map<string, PrincipalActivity>();
        for (const account of snapshot.accounts) {
          for (const p of [...account.users, ...account.roles]) {
            const all = await store.principalCalls(p.arn);
            // A call made several times is in the window when its last time is.
            activity.set(p.arn, { all, window: all.filter((c) => (c.lastSeen ?? c.eventTime) >= from) });
          }
        }
        const result = unusedAccess(
          snapshot,
          (arn) => activity.get(arn) ?? { all: [], window: [] },
          { from, to, days },
          loadMappingData(),
        );
        writeOut(fmt === 'json' ? unusedJson(result) : unusedText(result));
        for (const n of result.notes) writeNote(n);
        state.exitCode = 0;
      } finally {
        store.close();
      }
    });
  addExitCodesHelp(unused, ['0', '2']);
}

/** Reads the account snapshot, turning its located errors into input errors (exit 2). */
function readAccountSnapshot(path: string): AccountSnapshot {
  try {
    return readSnapshot(path);
  } catch (e) {
    if (e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError))
      throw new InputError(e.message);
    throw e;
  }
}

/** Parses an ISO 8601 time flag with the same cast that reads record times (UTC when no offset is given). */
async function time(store: TrailStore, flag: string, value: string | undefined): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const t = await store.parseTime(value);
  if (t === undefined) throw new InputError(`${flag}: "${value}" is not an ISO 8601 time`);
  return t;
}

/** Opens a database that must exist (the query commands never create one). */
async function openExisting(db: string): Promise<TrailStore> {
  if (!existsSync(db)) throw new InputError(`${db}: no such file or directory (run trail ingest first)`);
  return openStore(db);
}
