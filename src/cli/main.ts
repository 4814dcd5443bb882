import { Command, CommanderError } from 'commander';
import { describeError } from './errors.js';
import { resetStdin, writeErr } from './io.js';

/** Each command sets `exitCode` on this object; usage errors use `usageExitCode`. */
export interface CommandState {
  exitCode: number;
  /** Exit code for bad arguments of the running command (commands differ, as their peers do). */
  usageExitCode: number;
}

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
];

/** The program with the modules of `command` registered (all of them when it names none). */
export async function buildProgram(state: CommandState, command?: string): Promise<Command> {
  const program = new Command('leastpriv')
    .description('AWS IAM least privilege, offline and provable')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => writeErr(s.trimEnd()) });
  const wanted = MODULES.filter((m) => command !== undefined && m.commands.includes(command));
  for (const m of wanted.length > 0 ? wanted : MODULES) (await m.load())(program, state);
  return program;
}

// Exit code for unusable arguments or input, per command (as each command's peer tool does).
const USAGE_EXIT: Record<string, number> = { simulate: 1, cfn: 1 };

/** Runs the CLI and returns the process exit code. Never throws. */
export async function main(argv: string[]): Promise<number> {
  const state: CommandState = { exitCode: 0, usageExitCode: USAGE_EXIT[argv[2]] ?? 2 };
  resetStdin();
  try {
    const program = await buildProgram(state, argv[2]);
    await program.parseAsync(argv);
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return 0;
      return state.usageExitCode;
    }
    writeErr(`leastpriv: ${describeError(error)}`);
    return state.usageExitCode;
  }
}
