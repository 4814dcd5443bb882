/**
 * The one exit-code table every command follows. `leastpriv --help`, each command's `--help`
 * and the README print these rows; a test compares the README's table with them.
 */
import type { Command } from 'commander';

export type ExitCode = '0' | '1' | '2' | '3' | 'cfn';

export interface ExitCodeRow {
  code: ExitCode;
  /** Printed as the first column: the code, or `cfn …` for the drop-in's own contract. */
  label: string;
  meaning: string;
}

export const EXIT_CODES: readonly ExitCodeRow[] = [
  {
    code: '0',
    label: '0',
    meaning:
      'ran, nothing to fail on (simulate: results printed whatever the decisions; validate: no finding of a `--fail-on` type; proofs: PASS; queries answered)',
  },
  {
    code: '1',
    label: '1',
    meaning: 'findings: validate found a `--fail-on` finding; a proof FAILed; an audit has a FAIL',
  },
  {
    code: '2',
    label: '2',
    meaning:
      'unusable input or usage: missing/unknown sub-command or option, unreadable file, invalid JSON/YAML/UTF-8, non-policy JSON, unknown resource type, a malformed request line',
  },
  {
    code: '3',
    label: '3',
    meaning: 'UNKNOWN: a proof not decided (timeout, input too large to decide, solver failure)',
  },
  {
    code: 'cfn',
    label: 'cfn …',
    meaning:
      "keeps cfn-policy-validator's contract (drop-in): 0 no blocking finding, 2 blocking findings, 1 unusable input or error (UNKNOWN external access stays a blocking finding)",
  },
];

/** The codes each command can end with (commands not listed here can end with 0, 1, 2 and 3). */
const BY_COMMAND: Record<string, readonly ExitCode[]> = {
  simulate: ['0', '2'],
  validate: ['0', '1', '2'],
  cfn: ['cfn'],
};

/** The table as Markdown, exactly as the README holds it. */
export function exitCodesMarkdown(): string {
  return [
    '| code | meaning |',
    '| --- | --- |',
    ...EXIT_CODES.map((r) => `| ${/^\d$/.test(r.label) ? r.label : `\`${r.label}\``} | ${r.meaning} |`),
  ].join('\n');
}

/**
 * The "Exit codes:" section of a command's help: the rows that apply to `command` (the whole
 * table without one). A command outside the table's list names its codes with `codes`.
 */
export function exitCodesHelp(command?: string, codes?: readonly ExitCode[]): string {
  const wanted = codes ?? (command === undefined ? undefined : BY_COMMAND[command.split(' ')[0]]);
  const rows = EXIT_CODES.filter((r) =>
    wanted ? wanted.includes(r.code) : command === undefined || r.code !== 'cfn',
  );
  const width = Math.max(...rows.map((r) => r.label.length));
  return ['', 'Exit codes:', ...rows.map((r) => `  ${r.label.padEnd(width)}  ${r.meaning}`)].join('\n');
}

const described = new WeakSet<Command>();

/** The command's name as typed after `leastpriv` (`cfn validate`). */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Ends `cmd`'s help with its exit codes. The CLI does this for every command; a command whose
 * codes differ from the table's defaults calls it itself with `codes`.
 */
export function addExitCodesHelp(cmd: Command, codes?: readonly ExitCode[]): Command {
  described.add(cmd);
  return cmd.addHelpText('after', exitCodesHelp(commandPath(cmd), codes));
}

export function hasExitCodesHelp(cmd: Command): boolean {
  return described.has(cmd);
}
