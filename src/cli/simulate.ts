import type { Command } from 'commander';
import { evaluate } from '../evaluate/index.js';
import { renderJson, renderText } from '../report/simulate.js';
import { readScenarios } from '../sources/scenario.js';
import { InputError } from './errors.js';
import { readText, writeOut } from './io.js';
import type { CommandState } from './state.js';

export function registerSimulate(program: Command, state: CommandState): void {
  program
    .command('simulate')
    .description('decide requests exactly as AWS would, offline, and explain each decision')
    .requiredOption(
      '--input <file>',
      'scenario file: one JSON scenario, a JSON array of them, or NDJSON ("-" for stdin)',
    )
    .option('--format <format>', 'text or json', 'text')
    .action((opts: { input: string; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        throw new InputError(`--format must be text or json, not "${opts.format}"`);
      }
      const file = opts.input === '-' ? '<stdin>' : opts.input;
      const { format, scenarios } = readScenarios(readText(opts.input), file);
      const results = scenarios.map(evaluate);
      writeOut(opts.format === 'json' ? renderJson(results, format) : renderText(scenarios, results, file));
      state.exitCode = 0;
    });
}
