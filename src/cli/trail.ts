import type { Command } from 'commander';
import { ingestJson, ingestText } from '../report/trail.js';
import { type IngestProgress, TrailStore } from '../sources/trail/store.js';
import { InputError } from './errors.js';
import { writeErr, writeOut } from './io.js';
import type { CommandState } from './main.js';

function format(value: string): 'text' | 'json' {
  if (value !== 'text' && value !== 'json')
    throw new InputError(`--format must be text or json, not "${value}"`);
  return value;
}

/** A one-line progress display with rate, redrawn in place; only when stderr is a terminal. */
function progressBar(): ((p: IngestProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const start = Date.now();
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.filesDone < p.filesTotal) return;
    last = now;
    const secs = Math.max((now - start) / 1000, 0.001);
    const width = 24;
    const done = Math.round((p.filesDone / Math.max(p.filesTotal, 1)) * width);
    process.stderr.write(
      `\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${p.filesDone}/${p.filesTotal} files, ${p.records} records, ${Math.round(p.records / secs)} records/s, ${(p.bytes / 1e6 / secs).toFixed(1)} MB/s `,
    );
    if (p.filesDone === p.filesTotal) process.stderr.write('\n');
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

  trail
    .command('ingest')
    .description(
      'read CloudTrail files (S3 layout, Records, arrays, lookup-events; gzip or not) into a DuckDB file',
    )
    .argument('<path...>', 'files or directories (a synced copy of the trail bucket)')
    .requiredOption('--db <file>', 'DuckDB database file (created when missing)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (paths: string[], opts: { db: string; format: string }) => {
      const fmt = format(opts.format);
      const store = await openStore(opts.db);
      try {
        const summary = await store.ingest(paths, progressBar());
        writeOut(fmt === 'json' ? ingestJson(summary) : ingestText(summary));
        for (const m of summary.missing) writeErr(`${m}: no such file or directory`);
        const unusableFile = summary.problems.some((p) => p.index === undefined);
        state.exitCode = summary.missing.length > 0 || unusableFile ? 2 : 0;
      } finally {
        store.close();
      }
    });
}
