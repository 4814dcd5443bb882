/**
 * The CLI's contract with a CI pipeline: one exit-code table, printed by --help and the README,
 * and enforced (a missing sub-command, non-policy JSON and bad UTF-8 are unusable input, exit 2).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, exitCodesHelp, exitCodesMarkdown } from '../../src/cli/exit-codes.js';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/output.js';

const io = captureOutput();
const run = (...args: string[]) => main(['node', 'leastpriv', ...args]);
const dir = mkdtempSync(join(tmpdir(), 'leastpriv-contract-'));
function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const POLICY = 'examples/policies/ci-deployer-identity.json';

describe('one exit-code table', () => {
  it('the README holds exactly the table the code has', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`\n${exitCodesMarkdown()}\n`);
    // and only once: a second, hand-written table would drift
    expect(readme.split('| code | meaning |').length).toBe(2);
  });

  it('`leastpriv --help` prints every row of it, exit 0', async () => {
    expect(await run('--help')).toBe(0);
    for (const row of EXIT_CODES)
      expect(io.out).toMatch(new RegExp(`\\n  ${row.label} +${reEscape(row.meaning)}\\n`));
    expect(io.out).toContain(exitCodesHelp());
  });

  it('each command lists the codes it can return, and the cfn commands their own contract', async () => {
    expect(await run('validate', '--help')).toBe(0);
    expect(io.out).toContain(exitCodesHelp('validate'));
    expect(io.out).not.toContain('UNKNOWN: a proof');
    io.out = '';
    expect(await run('check-no-new-access', '--help')).toBe(0);
    expect(io.out).toContain('UNKNOWN: a proof');
    io.out = '';
    expect(await run('cfn', 'validate', '--help')).toBe(0);
    expect(io.out).toContain("keeps cfn-policy-validator's contract");
    expect(io.out).not.toContain('UNKNOWN: a proof');
  });

  it('required options say so in the help', async () => {
    expect(await run('simulate', '--help')).toBe(0);
    // --input is required unless batch mode (--policies with --requests) is used.
    expect(io.out).toMatch(/--input <file>[\s\S]*?\(required unless\s+--policies\/--requests\)/);
    expect(io.out).not.toMatch(/--format[^\n]*\(required\)/);
  });

  it('`leastpriv help` is a request for help (0), not an error', async () => {
    expect(await run('help')).toBe(0);
    expect(io.out).toContain('Exit codes:');
  });
});

describe('a missing sub-command fails the CI step', () => {
  it('`leastpriv` alone prints help to stderr and exits 2', async () => {
    expect(await run()).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toContain('Usage: leastpriv');
  });

  it('`leastpriv cfn` alone exits 1 (cfn-policy-validator: 1 is its error code)', async () => {
    expect(await run('cfn')).toBe(1);
    expect(io.out).toBe('');
    expect(io.err).toContain('Usage: leastpriv cfn');
  });

  it('an unknown sub-command exits 2 with the prefix every message has', async () => {
    expect(await run('valdiate', POLICY)).toBe(2);
    expect(io.err).toMatch(/^leastpriv: unknown command 'valdiate'/);
  });

  it('simulate without its required --input is usage: 2, not 1', async () => {
    expect(await run('simulate')).toBe(2);
    expect(io.err).toMatch(/^leastpriv: give --input SCENARIOS, or --policies SET --requests REQUESTS/);
  });
});

describe('validate: JSON that is not a policy is unusable input (2), not a finding (1)', () => {
  for (const [name, text] of [
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['a number', '42'],
  ]) {
    it(name, async () => {
      const p = file(`not-policy-${name.replace(/ /g, '-')}.json`, text);
      expect(await run('validate', p)).toBe(2);
      expect(io.out).toContain('DATA_TYPE_MISMATCH');
    });
  }

  it('an object without Statement stays a finding (1): it is a policy with an error', async () => {
    expect(await run('validate', file('empty-object.json', '{}'))).toBe(1);
  });
});

describe('option values that name a fixed set are matched ignoring case', () => {
  it('--fail-on error works like ERROR', async () => {
    expect(await run('validate', POLICY, '--fail-on', 'error')).toBe(1);
    io.out = '';
    // the policy has no suggestion: failing on suggestions only passes
    expect(await run('validate', POLICY, '--fail-on', 'suggestion')).toBe(0);
  });

  it('--fail-on with an unknown type is usage (2) and names the choices', async () => {
    expect(await run('validate', POLICY, '--fail-on', 'errors')).toBe(2);
    expect(io.err).toMatch(
      /^leastpriv: --fail-on must be ERROR, SECURITY_WARNING, WARNING or SUGGESTION, not "errors"/,
    );
  });

  it('--format SARIF and --policy-type identity_policy', async () => {
    expect(await run('validate', POLICY, '--format', 'SARIF', '--policy-type', 'identity_policy')).toBe(1);
    expect(JSON.parse(io.out).version).toBe('2.1.0');
  });

  it('--ignore invalid_action leaves INVALID_ACTION out', async () => {
    await run('validate', POLICY, '--ignore', 'invalid_action');
    expect(io.out).not.toContain('INVALID_ACTION');
    expect(io.out).toContain('PASS_ROLE_WITH_STAR_IN_RESOURCE');
  });

  // Every command's --format, and the reasoner's --policy-type: upper case is accepted and gives
  // the same output as the canonical spelling; a wrong value is still usage (2).
  const acrossCommands: [string, string[], string][] = [
    ['simulate', ['simulate', '--input', 'examples/simulate/scenarios.json'], '--format'],
    [
      'check-no-public-access',
      [
        'check-no-public-access',
        '--policy',
        'test/fixtures/reason/public-bucket.json',
        '--resource-type',
        'AWS::S3::Bucket',
      ],
      '--format',
    ],
    [
      'check-access-not-granted --policy-type',
      [
        'check-access-not-granted',
        '--policy',
        'test/fixtures/reason/public-bucket.json',
        '--access',
        'test/fixtures/reason/not-granted-access.json',
        '--resource-type',
        'AWS::S3::Bucket',
        '--format',
        'json',
      ],
      '--policy-type',
    ],
    [
      'cfn validate',
      ['cfn', 'validate', '--template-path', 'examples/cfn/blog-example.json', '--region', 'us-east-1'],
      '--format',
    ],
    [
      'account who-can',
      [
        'account',
        'who-can',
        '--snapshot',
        'test/fixtures/account/attini.json',
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::example-bucket/key',
      ],
      '--format',
    ],
  ];
  const canonical: Record<string, string> = { '--format': 'json', '--policy-type': 'RESOURCE_POLICY' };
  const odd: Record<string, string> = { '--format': 'JSON', '--policy-type': 'Resource_Policy' };
  const wrong: Record<string, string> = { '--format': 'jsn', '--policy-type': 'RESOURCE' };
  for (const [name, args, flag] of acrossCommands) {
    it(`${name} ${flag} ${odd[flag]} works like ${canonical[flag]}`, async () => {
      const want = await run(...args, flag, canonical[flag]);
      const wantOut = io.out;
      io.out = '';
      io.err = '';
      expect(await run(...args, flag, odd[flag])).toBe(want);
      expect(io.err).not.toMatch(/must be/);
      expect(io.out.replace(/"elapsedMs": *\d+/g, '')).toBe(wantOut.replace(/"elapsedMs": *\d+/g, ''));
      io.err = '';
      expect(await run(...args, flag, wrong[flag])).toBe(args[0] === 'cfn' ? 1 : 2);
      expect(io.err).toContain(`${flag} must be`);
    });
  }

  it('cfn --treat-finding-type-as-blocking error is accepted like ERROR', async () => {
    const code = await run(
      'cfn',
      'validate',
      '--template-path',
      'examples/cfn/blog-example.json',
      '--region',
      'us-east-1',
      '--treat-finding-type-as-blocking',
      'error',
    );
    expect([0, 2]).toContain(code);
    expect(io.err).not.toMatch(/invalid finding type/);
  });
});

describe('invalid UTF-8 is a located error', () => {
  it('names the file, line and column of the first bad byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{\n  "Version": "2012-10-17",\n  "Id": "é-'),
      Buffer.from([0xff]),
      Buffer.from('",\n  "Statement": []\n}\n'),
    ]);
    const p = file('latin1.json', bytes);
    expect(await run('validate', p)).toBe(2);
    expect(io.out).toBe('');
    // line 3; `  "Id": "é-` is 11 characters (é is one character in two bytes): column 12
    expect(io.err).toBe(
      `leastpriv: ${p}:3:12: invalid UTF-8: byte 0xFF (byte offset 41) starts no valid character\n`,
    );
  });

  it('every command reads through the same check (a proof here)', async () => {
    const p = file('bad-utf8-proof.json', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
    expect(
      await run(
        'check-no-new-access',
        '--new-policy',
        p,
        '--existing-policy',
        POLICY,
        '--policy-type',
        'IDENTITY_POLICY',
      ),
    ).toBe(2);
    expect(io.err).toContain(`${p}:1:3: invalid UTF-8: byte 0xC3`);
  });

  // RFC 3629 section 4 (the UTF-8 syntax) and the Unicode table of well-formed byte sequences.
  it.each([
    ['ASCII', [0x41, 0x42], 2],
    ['two-byte é', [0xc3, 0xa9], 2],
    ['lone continuation byte', [0x41, 0x80], 1],
    ['overlong 2-byte form of "/"', [0xc0, 0xaf], 0],
    ['overlong 3-byte form', [0xe0, 0x80, 0xaf], 0],
    ['UTF-16 surrogate D800 encoded', [0xed, 0xa0, 0x80], 0],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['four-byte emoji', [0xf0, 0x9f, 0x98, 0x80], 4],
    ['truncated at the end', [0x41, 0xe2, 0x82], 1],
  ])('%s', (_name, bytes, expected) => {
    const b = Uint8Array.from(bytes);
    expect(firstInvalidUtf8(b)).toBe(expected);
    // the strict decoder agrees on whether the text is valid
    const valid = expected === bytes.length;
    expect(() => decodeUtf8(b, 'x')).toSatisfy((f: () => string) => {
      try {
        f();
        return valid;
      } catch {
        return !valid;
      }
    });
  });
});

describe('one message prefix', () => {
  it('each line of a multi-issue error starts with "leastpriv: "', async () => {
    const p = file(
      'two-issues.json',
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Maybe", "Action": 3, "Resource": "*"}]}',
    );
    expect(
      await run(
        'check-no-new-access',
        '--new-policy',
        p,
        '--existing-policy',
        POLICY,
        '--policy-type',
        'IDENTITY_POLICY',
      ),
    ).toBe(2);
    const lines = io.err.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines)
      expect(l).toMatch(new RegExp(`^leastpriv: ${reEscape(p)}:1:\\d+: .* \\(at Statement\\[0\\]`));
  });

  it('a skipped file is a note with the prefix', async () => {
    const d = mkdtempSync(join(dir, 'folder-'));
    writeFileSync(join(d, 'package.json'), '{"name": "x"}');
    writeFileSync(join(d, 'p.json'), readFileSync(POLICY));
    await run('validate', d);
    expect(io.err).toMatch(/^leastpriv: note: skipped .*package\.json: not a policy document$/m);
  });
});

describe('duplicate JSON keys are a located finding naming both places', () => {
  const text =
    '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "s3:GetObject",\n    "Resource": "*",\n    "Action": "s3:DeleteObject"\n  }]\n}\n';

  it('validate reports LP_DUPLICATE_KEY at the repeat, with the first place as a second location', async () => {
    const p = file('dup.json', text);
    expect(await run('validate', p, '--format', 'json')).toBe(1);
    const [f] = JSON.parse(io.out)[0].findings.filter(
      (x: { issueCode: string }) => x.issueCode === 'LP_DUPLICATE_KEY',
    );
    expect(f.findingType).toBe('ERROR');
    expect(f.findingDetails).toContain('first at line 5, column 5');
    expect(f.locations.map((l: { span: { start: { line: number } } }) => l.span.start.line)).toEqual([7, 5]);
    expect(f.locations[0].path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Action' }]);
  });

  it('a proof refuses the policy (2) instead of proving something about half of it', async () => {
    const p = file('dup-proof.json', text);
    expect(
      await run(
        'check-access-not-granted',
        '--policy',
        p,
        '--access',
        file('access.json', '[{"actions": ["s3:GetObject"]}]'),
        '--policy-type',
        'IDENTITY_POLICY',
      ),
    ).toBe(2);
    expect(io.err).toContain(
      `leastpriv: ${p}:7:5: "Action" is given twice in this object (first at line 5, column 5)`,
    );
  });

  it('names in different objects, or differing in case, are not duplicates', async () => {
    const p = file(
      'nodup.json',
      '{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}',
    );
    await run('validate', p);
    expect(io.out).not.toContain('LP_DUPLICATE_KEY');
  });
});

describe('streams and paths a pipeline hands over', () => {
  const SET = 'examples/simulate/guardrails-set.json';
  it('a directory given as --requests is unusable input naming it (exit 2), not an internal error', async () => {
    expect(await run('simulate', '--policies', SET, '--requests', dir)).toBe(2);
    expect(io.err).toContain(`${dir}: is a directory`);
    expect(io.err).not.toContain('internal error');
  });

  it('a reader that closes the pipe early (| head) ends the run quietly with exit 0, no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const lines = readFileSync('examples/simulate/guardrails-requests.ndjson', 'utf8');
    const requests = file('many.ndjson', lines.repeat(4000));
    const child = spawn(process.execPath, [
      'bin/leastpriv.js',
      'simulate',
      '--policies',
      SET,
      '--requests',
      requests,
      '--format',
      'json',
    ]);
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // Read one chunk, then close our end as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
