/**
 * The progress line of long runs: on a terminal only, only after a delay, rewritten in place and
 * erased at the end, so that the report on stdout and a CI log stay as they were.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeErr, writeOut } from '../../src/cli/io.js';
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

describe('one progress line for every command', () => {
  const io = captureOutput();
  const tty = process.stderr.isTTY;
  afterEach(() => {
    process.stderr.isTTY = tty;
  });

  it('any message or report is written after the line showing is erased', () => {
    process.stderr.isTTY = true;
    const p = createProgress(process.stderr, { now: () => 0 });
    p.update('working', true);
    writeErr('leastpriv: warning: something');
    expect(io.err).toBe('\r\u001b[Kleastpriv: working\r\u001b[Kleastpriv: warning: something\n');
    p.update('working more', true);
    writeOut('report');
    expect(io.err.endsWith('\r\u001b[Kleastpriv: working more\r\u001b[K')).toBe(true);
    expect(io.out).toBe('report\n');
    // erased once: done() after that writes nothing more
    const before = io.err;
    p.done();
    expect(io.err).toBe(before);
  });

  it('a second line replaces the first instead of writing behind it', () => {
    process.stderr.isTTY = true;
    const a = createProgress(process.stderr, { now: () => 0 });
    const b = createProgress(process.stderr, { now: () => 0 });
    a.update('a', true);
    b.update('b', true);
    expect(io.err).toBe('\r\u001b[Kleastpriv: a\r\u001b[K\r\u001b[Kleastpriv: b');
    a.done(); // no longer showing: nothing to erase
    expect(io.err.endsWith('leastpriv: b')).toBe(true);
    b.done();
    expect(io.err.endsWith('\r\u001b[K')).toBe(true);
  });

  /** Every clock reading is a second later: the run looks slow to the progress line. */
  function slowClock(): void {
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 1000));
  }

  it('cfn over several templates says which template it is at', async () => {
    process.stderr.isTTY = true;
    slowClock();
    expect(await run('cfn', 'parse', '--template-path', 'examples/cfn', '--region', 'us-east-1')).toBe(0);

    expect(io.err).toMatch(/\r\u001b\[Kleastpriv: reading template 2 of 2: examples\/cfn\/sam-app\.yaml/);
    expect(io.out).not.toContain('\u001b[K');
    // the line is gone before the report is printed
    expect(io.err.endsWith('\r\u001b[K') || /\u001b\[K[^\r]*\n$/.test(io.err)).toBe(true);
  });

  it('account escalation counts the principals', async () => {
    process.stderr.isTTY = true;
    slowClock();
    const snapshot = 'test/fixtures/account/bootstrap';
    expect(await run('account', 'escalation', '--snapshot', snapshot, '--format', 'json')).toBe(0);
    expect(io.err).toMatch(/\r\u001b\[Kleastpriv: escalation paths: principal \d+ of \d+/);
    expect(io.err.endsWith('\r\u001b[K')).toBe(true);
    expect(() => JSON.parse(io.out)).not.toThrow();
  });

  it('trail ingest shows files, records and rates, then erases the line', async () => {
    process.stderr.isTTY = true;
    slowClock();
    const db = join(mkdtempSync(join(tmpdir(), 'leastpriv-progress-')), 'trail.duckdb');
    expect(await run('trail', 'ingest', 'test/fixtures/trail/invictus', '--db', db)).toBe(0);
    expect(io.err).toMatch(
      /\r\u001b\[Kleastpriv: ingesting: \d+\/\d+ files, [\d,]+ records, [\d,]+ records\/s, [\d.]+ MB\/s/,
    );
    expect(io.err.endsWith('\r\u001b[K')).toBe(true);
  });

  it('nothing at all when stderr is not a terminal', async () => {
    process.stderr.isTTY = false;
    slowClock();
    expect(
      await run('account', 'escalation', '--snapshot', 'test/fixtures/account/bootstrap', '--format', 'json'),
    ).toBe(0);
    expect(io.err).toBe('');
  });
});
