import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import { compilePolicySet, type EvaluationResult, evaluate } from '../evaluate/index.js';
import { renderJson, renderText, renderTextResult, resultLine } from '../report/simulate.js';
import { readRequests } from '../sources/requests.js';
import { readPolicySet, readScenarios, relocate } from '../sources/scenario.js';
import { InputError } from './errors.js';
import { readText, writeOut } from './io.js';
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
      'scenario file: one JSON scenario, a JSON array of them, or NDJSON ("-" for stdin)',
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
      if (opts.format !== 'text' && opts.format !== 'json') {
        throw new InputError(`--format must be text or json, not "${opts.format}"`);
      }
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
        runScenarios(opts.input, opts.format === 'json');
      }
      state.exitCode = 0;
    });
}

const nameOf = (path: string) => (path === '-' ? '<stdin>' : path);

function runScenarios(input: string, json: boolean): void {
  const file = nameOf(input);
  const { format, scenarios, origins } = readScenarios(readText(input), file);
  const results = scenarios.map((s, i): EvaluationResult => {
    const r = evaluate(s);
    const origin = origins?.[i];
    if (origin === undefined) return r;
    // Fast-read scenarios: locations of the statements that matched, placed in the input now.
    return {
      decision: r.decision,
      ...(r.deniedBy ? { deniedBy: r.deniedBy } : {}),
      message: r.message,
      matchedStatements: r.matchedStatements.map((m) => relocate(m, origin)),
      missingContextKeys: r.missingContextKeys,
    };
  });
  writeOut(json ? renderJson(results, format) : renderText(scenarios, results, file));
}

/**
 * Output of batch mode: whole lines, written in blocks of about 64 KiB; when stdout is full the
 * reader waits for it to drain, so memory stays flat on a slow consumer.
 */
class BlockWriter {
  private buffer = '';
  private full = false;

  push(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 65536) this.flush();
  }

  flush(): void {
    if (this.buffer === '') return;
    if (!process.stdout.write(this.buffer)) this.full = true;
    this.buffer = '';
  }

  async drained(): Promise<void> {
    if (!this.full) return;
    this.full = false;
    await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
}

async function runBatch(policies: string, requests: string, json: boolean): Promise<void> {
  const setFile = nameOf(policies);
  const requestsFile = nameOf(requests);
  const set = readPolicySet(readText(policies), setFile);
  const compiled = compilePolicySet(set.policies, {
    principalAccount: set.principalAccount,
    resourceAccount: set.resourceAccount,
    organization: set.organization,
  });
  const stream =
    requests === '-'
      ? process.stdin.setEncoding('utf8')
      : createReadStream(requests, { encoding: 'utf8', highWaterMark: 1 << 16 });
  const out = new BlockWriter();
  try {
    await readRequests(
      stream as AsyncIterable<string>,
      requestsFile,
      (request, index, line) => {
        const r = evaluate(compiled, request);
        if (json) out.push(resultLine(r));
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
    if (stream !== process.stdin) (stream as { destroy(): void }).destroy();
  }
}
