import { Command, CommanderError } from 'commander';
import { registerCfn } from './cfn.js';
import { describeError } from './errors.js';
import { writeErr } from './io.js';
import { registerReason } from './reason.js';
import { registerSimulate } from './simulate.js';
import { registerValidate } from './validate.js';

/** Each command sets `exitCode` on this object; usage errors use `usageExitCode`. */
export interface CommandState {
  exitCode: number;
  /** Exit code for bad arguments of the running command (commands differ, as their peers do). */
  usageExitCode: number;
}

export function buildProgram(state: CommandState): Command {
  const program = new Command('leastpriv')
    .description('AWS IAM least privilege, offline and provable')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => writeErr(s.trimEnd()) });
  registerSimulate(program, state);
  registerValidate(program, state);
  registerCfn(program, state);
  registerReason(program, state);
  return program;
}

/** Runs the CLI and returns the process exit code. Never throws. */
// Exit code for unusable arguments or input, per command (as each command's peer tool does).
const USAGE_EXIT: Record<string, number> = { simulate: 1, cfn: 1 };

export async function main(argv: string[]): Promise<number> {
  const state: CommandState = { exitCode: 0, usageExitCode: USAGE_EXIT[argv[2]] ?? 2 };
  const program = buildProgram(state);
  try {
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
