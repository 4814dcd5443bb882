/**
 * Which files an ingest reads: the paths given, and every log file under a directory given (a
 * synced copy of the trail's bucket, `AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`).
 * Digest files (`CloudTrail-Digest/`, `*_CloudTrail-Digest_*`) hold hashes, not events: skipped.
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TrailFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface FileList {
  files: TrailFile[];
  digests: number;
  /** Paths given that do not exist or cannot be read. */
  missing: string[];
}

const LOG_NAME = /\.(json|json\.gz|gz|jsonl|ndjson)$/i;

export function isDigestPath(path: string): boolean {
  return /(^|[\\/])CloudTrail-Digest([\\/]|$)/.test(path) || /_CloudTrail-Digest_/.test(path);
}

/** Lists the log files under the given paths, sorted within each directory. */
export function listTrailFiles(paths: readonly string[]): FileList {
  const out: FileList = { files: [], digests: 0, missing: [] };
  const seen = new Set<string>();
  const add = (path: string, size: number, mtimeMs: number) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.files.push({ path, size, mtimeMs: Math.trunc(mtimeMs) });
  };
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      out.missing.push(dir);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && LOG_NAME.test(e.name)) {
        if (isDigestPath(p)) {
          out.digests++;
          continue;
        }
        const st = statSync(p);
        add(p, st.size, st.mtimeMs);
      }
    }
  };
  for (const path of paths) {
    let st: import('node:fs').Stats;
    try {
      st = statSync(path);
    } catch {
      out.missing.push(path);
      continue;
    }
    if (st.isDirectory()) walk(path);
    else if (isDigestPath(path)) out.digests++;
    else add(path, st.size, st.mtimeMs);
  }
  return out;
}
