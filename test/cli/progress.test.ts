/**
 * The progress line of long runs: on a terminal only, only after a delay, rewritten in place and
 * erased at the end, so that the report on stdout and a CI log stay as they were.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createProgress } from '../../src/cli/progress.js';
import { captureOutput } from '../helpers/output.js';

function stream(isTTY: boolean) {
  const s = {
    isTTY,
    text: '',
    write(t: string) {
      s.text += t;
      return true;
    },
  };
  return s;
}

describe('createProgress', () => {
  it('writes nothing when stderr is not a terminal (a CI log, a pipe)', () => {
    const s = stream(false);
    let t = 0;
    const p = createProgress(s, { now: () => t });
    t = 60_000;
    p.update('checking', true);
    p.done();
    expect(s.text).toBe('');
  });

  it('stays quiet during the first seconds, then rewrites one line in place, then erases it', () => {
    const s = stream(true);
    let t = 0;
    const p = createProgress(s, { now: () => t, delayMs: 2000, intervalMs: 200 });
    t = 1000;
    p.update('step 1');
    expect(s.text).toBe('');
    t = 2500;
    p.update('step 2');
    expect(s.text).toBe('\r\u001b[Kleastpriv: step 2');
    t = 2600; // within the interval: not rewritten
    p.update('step 3');
    expect(s.text).toBe('\r\u001b[Kleastpriv: step 2');
    t = 2800;
    p.update('step 4');
    expect(s.text.endsWith('\r\u001b[Kleastpriv: step 4')).toBe(true);
    p.done();
    expect(s.text.endsWith('\r\u001b[K')).toBe(true);
  });

  it('a step known to be long is announced at once', () => {
    const s = stream(true);
    const p = createProgress(s, { now: () => 0 });
    p.update('parsing big.json: 50.0 MB', true);
    expect(s.text).toContain('parsing big.json: 50.0 MB');
  });

  it('done() after nothing was shown writes nothing', () => {
    const s = stream(true);
    createProgress(s, { now: () => 0 }).done();
    expect(s.text).toBe('');
  });
});

describe('validate on a terminal', () => {
  const io = captureOutput();
  const tty = process.stderr.isTTY;
  afterEach(() => {
    process.stderr.isTTY = tty;
  });

  it('a slow run shows which check it is at and erases the line before the report ends', async () => {
    process.stderr.isTTY = true;
    // Every clock reading is a second later: the run looks slow to the progress line.
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 1000));
    expect(await run('validate', 'examples/policies/ci-deployer-identity.json')).toBe(1);
    expect(io.err).toMatch(
      /\r\u001b\[Kleastpriv: checking examples\/policies\/ci-deployer-identity\.json: 3 statements, check \d+ of \d+/,
    );
    expect(io.err.endsWith('\r\u001b[K')).toBe(true);
    expect(io.out).toContain('3 findings');
    expect(io.out).not.toContain('\u001b[K');
  });

  it('a fast run shows nothing', async () => {
    process.stderr.isTTY = true;
    await run('validate', 'examples/policies/ci-deployer-identity.json');
    expect(io.err).toBe('');
  });

  it('an error during the run is written after the line is erased', async () => {
    process.stderr.isTTY = true;
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 1000));
    const bad = join(mkdtempSync(join(tmpdir(), 'leastpriv-progress-')), 'bad.json');
    writeFileSync(bad, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(await run('validate', 'examples/policies/ci-deployer-identity.json', bad)).toBe(2);
    // the line was shown, then erased, then the error written on a clean line
    expect(io.err).toContain('leastpriv: reading');
    expect(
      io.err.endsWith(
        `\r\u001b[Kleastpriv: ${bad}:1:2: invalid UTF-8: byte 0xFF (byte offset 1) starts no valid character\n`,
      ),
    ).toBe(true);
  });
});

const run = (...args: string[]) => main(['node', 'leastpriv', ...args]);
