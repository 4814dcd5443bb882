/** Rendering of the trail commands' results: text for people, JSON in the shapes of issue 13. */
import type { IngestSummary } from '../sources/trail/store.js';

export function ingestJson(s: IngestSummary): string {
  const { files, records, ingested, duplicates, rejected, problems } = s;
  return JSON.stringify(
    {
      files,
      records,
      ingested,
      duplicates,
      rejected,
      problems: problems.map((p) => ({ file: p.file, index: p.index ?? null, reason: p.reason })),
    },
    null,
    2,
  );
}

export function ingestText(s: IngestSummary): string {
  const lines = [
    `${s.files} file(s) read, ${s.records} record(s): ${s.ingested} stored, ${s.duplicates} duplicate(s), ${s.rejected} rejected`,
  ];
  if (s.unchanged > 0) lines.push(`${s.unchanged} file(s) unchanged since the last ingest: not read again`);
  if (s.digests > 0) lines.push(`${s.digests} digest file(s) skipped`);
  for (const p of s.problems) {
    lines.push(`${p.file}${p.index === undefined ? '' : ` record ${p.index}`}: ${p.reason}`);
  }
  return lines.join('\n');
}
