import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { compilePolicySet, type EvaluationResult, evaluate } from '../evaluate/index.js';
import {
  type ByteSink,
  renderJson,
  renderText,
  renderTextResult,
  resultJson,
  writeResultLine,
} from '../report/simulate.js';
import { readRequests } from '../sources/requests.js';
import {
  type PolicyOrigin,
  readPolicySet,
  readScenarios,
  relocate,
  streamScenarios,
} from '../sources/scenario.js';
import { InputError, oneOf } from './errors.js';
import { firstInvalidUtf8, readText, writeOut } from './io.js';
import type { CommandState } from './state.js';

interface Options {
  input?: string;
  policies?: string;
  requests?: string;
  format: string;
}

export function registerSimulate(program: Command, state: CommandState): void {
  program
    .command('simulate')
    .description('decide requests exactly as AWS would, offline, and explain each decision')
    .option(
      '--input <file>',
      'scenario file: one JSON scenario, a JSON array of them, or NDJSON ("-" for stdin) (required unless --policies/--requests)',
    )
    .option(
      '--policies <file>',
      'batch mode: one policy set (a scenario without "request"), parsed and compiled once',
    )
    .option(
      '--requests <file>',
      'batch mode: requests, one JSON object per line (NDJSON, streamed) or a JSON array ("-" for stdin)',
    )
    .option('--format <format>', 'text or json (batch mode: json prints one result per line)', 'text')
    .action(async (opts: Options) => {
      // Unusable input or usage is exit code 2 (the project's exit-code table).
      state.usageExitCode = 2;
      opts.format = oneOf('--format', opts.format, ['text', 'json'] as const);
      const batch = opts.policies !== undefined || opts.requests !== undefined;
      if (batch && opts.input !== undefined) {
        throw new InputError(
          '--input (scenarios) cannot be combined with --policies/--requests (batch mode)',
        );
      }
      if (batch) {
        if (opts.policies === undefined || opts.requests === undefined) {
          throw new InputError('batch mode needs both --policies SET.json and --requests REQUESTS.ndjson');
        }
        if (opts.policies === '-' && opts.requests === '-') {
          throw new InputError('"-" (standard input) is given twice: only one input can come from stdin');
        }
        await runBatch(opts.policies, opts.requests, opts.format === 'json');
      } else {
        if (opts.input === undefined) {
          throw new InputError('give --input SCENARIOS, or --policies SET --requests REQUESTS (batch mode)');
        }
        await runScenarios(opts.input, opts.format === 'json');
      }
      state.exitCode = 0;
    });
}

const nameOf = (path: string) => (path === '-' ? '<stdin>' : path);

/** A result whose matched statements are located in the input (the fast reader's are relative). */
function located(r: EvaluationResult, origin: PolicyOrigin | undefined): EvaluationResult {
  if (origin === undefined) return r;
  return {
    decision: r.decision,
    ...(r.deniedBy ? { deniedBy: r.deniedBy } : {}),
    message: r.message,
    matchedStatements: r.matchedStatements.map((m) => relocate(m, origin)),
    missingContextKeys: r.missingContextKeys,
  };
}

/**
 * NDJSON scenarios from a file, streamed: decided line by line and printed at the end (so an
 * error still leaves no output behind). Undefined when the input needs the whole-input reader.
 */
async function streamedScenarios(input: string, json: boolean): Promise<string | undefined> {
  const file = nameOf(input);
  const blocks: string[] = [];
  let block = '';
  let stream: ReturnType<typeof createReadStream> | undefined;
  try {
    stream = createReadStream(input, { highWaterMark: 1 << 16 });
    const ok = await streamScenarios(stream as AsyncIterable<Buffer>, file, (scenario, origin, i) => {
      const r = located(evaluate(scenario), origin);
      if (json) block += `${JSON.stringify(resultJson(r))}\n`;
      else {
        const title = `Scenario ${i + 1}${scenario.name ? `: ${scenario.name}` : ''}`;
        block += renderTextResult(title, scenario.request, r, file, i === 0);
      }
      if (block.length >= 65536) {
        blocks.push(block);
        block = '';
      }
    });
    if (!ok) return undefined;
  } catch {
    return undefined; // unreadable: the whole-input reader reports it
  } finally {
    stream?.destroy();
  }
  blocks.push(block);
  return blocks.join('');
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // the whole-input reader reports why it cannot be read
  }
}

async function runScenarios(input: string, json: boolean): Promise<void> {
  // Only a regular file can be read again by the whole-input reader when streaming gives up (a
  // pipe such as /dev/stdin or <(...) would have been consumed).
  if (input !== '-' && isRegularFile(input)) {
    const out = await streamedScenarios(input, json);
    if (out !== undefined) {
      writeOut(out);
      return;
    }
  }
  const file = nameOf(input);
  const { format, scenarios, origins } = readScenarios(readText(input), file);
  // Fast-read scenarios: locations of the statements that matched, placed in the input now.
  const results = scenarios.map((s, i): EvaluationResult => located(evaluate(s), origins?.[i]));
  writeOut(json ? renderJson(results, format) : renderText(scenarios, results, file));
}

/**
 * Output of batch mode: whole lines rendered into a buffer and written in blocks of 64 KiB. A
 * block the stream took synchronously (a file, or a pipe with room) leaves the buffer free for
 * the next one; otherwise the stream keeps it, the next block gets a new buffer, and the reader
 * waits for stdout to drain, so memory stays flat on a slow consumer.
 */
class BlockWriter implements ByteSink {
  buf = Buffer.allocUnsafe(BLOCK);
  pos = 0;
  private full = false;

  room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    this.flush();
    if (bytes > this.buf.length) this.buf = Buffer.allocUnsafe(bytes);
  }

  push(text: string): void {
    this.room(3 * text.length);
    this.pos += this.buf.write(text, this.pos);
  }

  flush(): void {
    if (this.pos === 0) return;
    if (!process.stdout.write(this.buf.subarray(0, this.pos))) this.full = true;
    if (process.stdout.writableLength > 0 || this.buf.length !== BLOCK) this.buf = Buffer.allocUnsafe(BLOCK);
    this.pos = 0;
  }

  async drained(): Promise<void> {
    if (!this.full) return;
    this.full = false;
    await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
}

const BLOCK = 1 << 16;

async function runBatch(policies: string, requests: string, json: boolean): Promise<void> {
  const setFile = nameOf(policies);
  const requestsFile = nameOf(requests);
  const set = readPolicySet(readText(policies), setFile);
  const compiled = compilePolicySet(set.policies, {
    principalAccount: set.principalAccount,
    resourceAccount: set.resourceAccount,
    organization: set.organization,
  });
  const stream = requests === '-' ? process.stdin : fileChunks(requests);
  const out = new BlockWriter();
  try {
    await readRequests(
      strictUtf8(stream as Iterable<Buffer> | AsyncIterable<Buffer>, requestsFile),
      requestsFile,
      (request, index, line) => {
        const r = evaluate(compiled, request);
        if (json) writeResultLine(r, out);
        else {
          const title = `Request ${index + 1}${line === undefined ? '' : ` (${requestsFile}:${line})`}`;
          out.push(renderTextResult(title, request, r, setFile, index === 0));
        }
      },
      () => out.drained(),
    );
  } finally {
    // The results before a bad request are complete lines: they are printed, then the error.
    out.flush();
  }
}

/**
 * A file's bytes in chunks of 64 KiB, read synchronously into one reused buffer (each chunk is
 * decoded before the next is read): this costs less than a stream's thread-pool reads, and
 * memory stays flat however large the file. (Larger chunks measured slower: JSON.parse of lines
 * sliced from a 1 MiB string took twice as long as from a 64 KiB one.)
 */
function* fileChunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let n = read(fd, buf, path); n > 0; n = read(fd, buf, path)) yield buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** One read; a directory opens but cannot be read (EISDIR, without the path): name it. */
function read(fd: number, buf: Buffer, path: string): number {
  try {
    return readSync(fd, buf);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new InputError(`${path}: is a directory`);
    throw e;
  }
}

/**
 * Decodes a byte stream as strict UTF-8, in pieces that end at a newline: a byte that starts no
 * valid character is an error at its line and column, as in every other input (a lenient decoder
 * would turn it into U+FFFD and let a mangled request through). A newline byte is never part of
 * a multi-byte character, so each piece is whole characters: it is checked with `isUtf8` and
 * decoded in one go, and the lines cut from it are slices of one flat string.
 */
async function* strictUtf8(
  chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
  file: string,
): AsyncIterable<string> {
  let line = 1;
  // Bytes after the last newline so far (copied: the chunk's buffer may be reused).
  let pending: Buffer | undefined;
  const piece = (bytes: Buffer): string => {
    if (!isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      const before = bytes.toString('utf8', 0, bad);
      const nl = before.lastIndexOf('\n');
      for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
      const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
      throw new BadUtf8(
        before,
        `${file}:${line}:${before.length - nl}: invalid UTF-8: byte 0x${hex} starts no valid character`,
      );
    }
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) line++;
    return bytes.toString('utf8');
  };
  try {
    for await (const chunk of chunks) {
      const bytes = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
      const nl = bytes.lastIndexOf(10);
      if (nl < 0) {
        pending = Buffer.from(bytes);
        continue;
      }
      pending = nl + 1 < bytes.length ? Buffer.from(bytes.subarray(nl + 1)) : undefined;
      yield piece(bytes.subarray(0, nl + 1));
    }
    if (pending !== undefined) yield piece(pending);
  } catch (e) {
    if (!(e instanceof BadUtf8)) throw e;
    // The requests before the bad byte are decided first: their results are complete lines.
    yield e.before;
    throw new InputError(e.message);
  }
}

class BadUtf8 extends Error {
  constructor(
    readonly before: string,
    message: string,
  ) {
    super(message);
  }
}
