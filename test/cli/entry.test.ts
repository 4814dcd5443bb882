/**
 * bin/leastpriv.js runs the bundle made by `npm run build` unless tsc wrote the modules after
 * it (a bare `tsc` rebuild would otherwise run the code from before the edit). Checked on a copy
 * of the entry point beside two stand-in builds that say which one ran.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function layout(files: { bundle?: number; modules: number }) {
  const root = mkdtempSync(join(tmpdir(), 'leastpriv-entry-'));
  mkdirSync(join(root, 'bin'));
  copyFileSync('bin/leastpriv.js', join(root, 'bin', 'leastpriv.js'));
  const put = (rel: string, which: string, seconds: number) => {
    mkdirSync(join(root, 'dist', rel, '..'), { recursive: true });
    const file = join(root, 'dist', rel);
    writeFileSync(
      file,
      `export async function main() { console.log(${JSON.stringify(which)}); return 0; }\n`,
    );
    utimesSync(file, seconds, seconds);
  };
  put('cli/main.js', 'modules', files.modules);
  if (files.bundle !== undefined) put('bundle/main.js', 'bundle', files.bundle);
  const run = spawnSync(process.execPath, [join(root, 'bin', 'leastpriv.js'), '--version'], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.trim();
}

describe('bin/leastpriv.js chooses the build to run', () => {
  it('runs the bundle when it is at least as new as the modules', () => {
    expect(layout({ bundle: 2_000_000, modules: 1_000_000 })).toBe('bundle');
    expect(layout({ bundle: 1_000_000, modules: 1_000_000 })).toBe('bundle');
  });
  it('runs the modules when tsc wrote them after the bundle', () => {
    expect(layout({ bundle: 1_000_000, modules: 2_000_000 })).toBe('modules');
  });
  it('runs the modules when there is no bundle', () => {
    expect(layout({ modules: 1_000_000 })).toBe('modules');
  });
});
