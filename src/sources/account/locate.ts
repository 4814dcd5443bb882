/**
 * Where a statement of the snapshot is, as file:line:column: the snapshot is read with
 * JSON.parse for speed, so positions are found only for what is shown (explanations).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Origin } from '../../account/snapshot-model.js';
import type { Location, PathElement } from '../../policy/location.js';
import { JsonFile } from './located.js';

const files = new Map<string, JsonFile | null>();

/** The location of a path inside a policy of the snapshot (undefined when its file is not a file). */
export function locateInSnapshot(origin: Origin, inner: PathElement[]): Location | undefined {
  let f = files.get(origin.file);
  if (f === undefined) {
    f =
      existsSync(origin.file) && statSync(origin.file).isFile()
        ? JsonFile.parse(readFileSync(origin.file, 'utf8'), origin.file)
        : null;
    files.set(origin.file, f);
  }
  if (!f) return undefined;
  return f.issueAt([...origin.path, ...inner], '').location;
}
