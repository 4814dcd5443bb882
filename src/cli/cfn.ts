import type { Command } from 'commander';
import type { CommandState } from './main.js';

// Placeholder until the cfn command lands; registers nothing.
export function registerCfn(_program: Command, _state: CommandState): void {}
