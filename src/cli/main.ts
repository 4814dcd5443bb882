import { Command, CommanderError, Help, type Option } from 'commander';
import { TOOL_VERSION } from '../report/sarif.js';
import { describeError } from './errors.js';
import { addExitCodesHelp, exitCodesHelp, hasExitCodesHelp } from './exit-codes.js';
import { prefixed, resetStdin, writeErr } from './io.js';
import type { CommandState } from './state.js';

type Register = (program: Command, state: CommandState) => void;

// Each command module is loaded only when its command runs (or for the overall help), so that
// `leastpriv validate one.json` does not pay for loading the CloudFormation reader or Z3.
const MODULES: Array<{ commands: string[]; load: () => Promise<Register> }> = [
  { commands: ['simulate'], load: async () => (await import('./simulate.js')).registerSimulate },
  { commands: ['validate'], load: async () => (await import('./validate.js')).registerValidate },
  { commands: ['cfn'], load: async () => (await import('./cfn.js')).registerCfn },
  { commands: ['baseline'], load: async () => (await import('./baseline.js')).registerBaseline },
  {
    commands: ['check-no-new-access', 'check-access-not-granted', 'check-no-public-access', 'analyze'],
    load: async () => (await import('./reason.js')).registerReason,
  },
  { commands: ['account'], load: async () => (await import('./account.js')).registerAccount },
  { commands: ['trail'], load: async () => (await import('./trail.js')).registerTrail },
];

/** The program with the modules of `command` registered (all of them when it names none). */
export async function buildProgram(state: CommandState, command?: string): Promise<Command> {
  const program = new Command('leastpriv')
    .description('AWS IAM least privilege, offline and provable')
    .version(TOOL_VERSION)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeErr: (s) => writeErr(s.trimEnd()),
      // commander's "error: unknown option" gets the prefix every other message has.
      outputError: (s, write) => write(prefixed(s.replace(/^error: /, '').trimEnd())),
    })
    // Required options look like the others in commander's help: say which ones must be given.
    .configureHelp({
      optionDescription: (o: Option) =>
        o.mandatory ? `${o.description} (required)` : new Help().optionDescription(o),
    })
    .addHelpText('after', exitCodesHelp());
  const wanted = MODULES.filter((m) => command !== undefined && m.commands.includes(command));
  for (const m of wanted.length > 0 ? wanted : MODULES) (await m.load())(program, state);
  addExitCodes(program.commands);
  return program;
}

/** Every command's help ends with the exit codes it can return (unless its module said so itself). */
function addExitCodes(commands: readonly Command[]): void {
  for (const c of commands) {
    if (!hasExitCodesHelp(c)) addExitCodesHelp(c);
    addExitCodes(c.commands);
  }
}

// Exit code for unusable arguments or input, per command: 2 everywhere (the exit-code table),
// except cfn-policy-validator's drop-in, whose contract makes it 1.
const USAGE_EXIT: Record<string, number> = { cfn: 1 };

/** Runs the CLI and returns the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const state: CommandState = { exitCode: 0, usageExitCode: USAGE_EXIT[argv[2]] ?? 2 };
  resetStdin();
  quietOnClosedPipe();
  try {
    const program = await buildProgram(state, argv[2]);
    state.startedAt = performance.now();
    await program.parseAsync(argv);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `leastpriv help` asks for help (0); a missing sub-command prints it as an error (exitCode 1).
      if (error.code === 'commander.help' && error.exitCode === 0) return 0;
      return state.usageExitCode;
    }
    writeErr(prefixed(describeError(error)));
    return state.usageExitCode;
  }
}

let pipeWatched = false;
/**
 * A reader that stops early (`leastpriv ... | head`) closes the pipe: stdout then fails with
 * EPIPE. That is the reader's choice, not an error of leastpriv: stop at once, quietly, with
 * exit 0, as command-line tools do, instead of Node's unhandled-error stack trace.
 */
function quietOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
