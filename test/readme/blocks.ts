/**
 * The README's examples are real: every ```console block holds `$ leastpriv ...` commands, each
 * followed by exactly what the command prints. `runBlocks` re-runs them in-process; the README
 * test compares, and `node --import tsx test/readme/update.ts` rewrites the outputs.
 */
import { main } from '../../src/cli/main.js';

export interface Block {
  /** Index of the first output line in the README's lines. */
  start: number;
  /** Index after the last output line. */
  end: number;
  command: string;
  output: string;
}

/** Finds `$ leastpriv ...` lines in console blocks and the output lines under each. */
export function findBlocks(readme: string): Block[] {
  const lines = readme.split('\n');
  const blocks: Block[] = [];
  let inConsole = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      inConsole = !inConsole && line.trim() === '```console';
      continue;
    }
    if (!inConsole || !line.startsWith('$ leastpriv ')) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith('$ ') && !lines[end].startsWith('```')) end++;
    blocks.push({
      start: i + 1,
      end,
      command: line.slice(2),
      output: lines.slice(i + 1, end).join('\n'),
    });
  }
  return blocks;
}

/** Splits a command line into arguments (single quotes group, as in a POSIX shell). */
export function splitArgs(command: string): string[] {
  const args: string[] = [];
  const re = /'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m !== null; m = re.exec(command)) args.push(m[1] ?? m[2]);
  return args;
}

/** Runs one README command in-process and returns what it printed (stdout, then stderr) and its exit code. */
export async function runCommand(command: string): Promise<{ output: string; code: number }> {
  const args = splitArgs(command);
  let printed = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const capture = (chunk: unknown) => {
    printed += String(chunk);
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(['node', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return { output: printed.replace(/\n$/, ''), code };
}

/** The README with every block's output replaced by a fresh run (and the exit code when non-zero). */
export async function refresh(readme: string): Promise<string> {
  const lines = readme.split('\n');
  const blocks = findBlocks(readme);
  for (const b of blocks.reverse()) {
    const { output, code } = await runCommand(b.command);
    const text = code === 0 ? output : `${output}\n[exit ${code}]`;
    lines.splice(b.start, b.end - b.start, ...text.split('\n'));
  }
  return lines.join('\n');
}
