import type { Command } from 'commander';
import type { CommandState } from './main.js';

// Placeholder until the validate command lands; registers nothing.
export function registerValidate(_program: Command, _state: CommandState): void {}
