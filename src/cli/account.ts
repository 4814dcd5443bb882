import type { Command } from 'commander';
import { collectScript } from '../sources/account/index.js';
import { writeOut } from './io.js';
import type { CommandState } from './main.js';

export function registerAccount(program: Command, state: CommandState): void {
  const account = program
    .command('account')
    .description(
      'who can do what in an AWS account, and every privilege-escalation path (offline, from AWS CLI exports)',
    );
  account
    .command('collect')
    .description('print the read-only AWS CLI commands that produce a snapshot directory')
    .option('--dir <dir>', 'snapshot directory the commands write', 'snapshot')
    .action((opts: { dir: string }) => {
      writeOut(collectScript(opts.dir));
      state.exitCode = 0;
    });
}
