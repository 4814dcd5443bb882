import type { Command } from 'commander';
import type { CommandState } from './main.js';

// Placeholder until the reason command lands; registers nothing.
export function registerReason(_program: Command, _state: CommandState): void {}
