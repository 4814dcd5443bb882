/**
 * Keeps the README true: each documented command still prints exactly the output shown under it.
 * After a deliberate change of output, run `node --import tsx test/readme/update.ts`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBlocks, runCommand, splitArgs } from './blocks.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = findBlocks(readme);

describe('README examples', () => {
  it('shows every command with a real run', () => {
    const shown = blocks.map((b) => splitArgs(b.command).slice(1, 3).join(' '));
    for (const c of [
      'simulate',
      'validate',
      'cfn parse',
      'cfn validate',
      'check-no-new-access',
      'check-access-not-granted',
      'check-no-public-access',
      'analyze',
    ]) {
      expect(shown.some((s) => s === c || s.startsWith(`${c} `))).toBe(true);
    }
  });

  for (const b of blocks) {
    it(`$ ${b.command}`, async () => {
      const { output, code } = await runCommand(b.command);
      const expected = code === 0 ? output : `${output}\n[exit ${code}]`;
      expect(b.output).toBe(expected);
    }, 60_000);
  }
});
