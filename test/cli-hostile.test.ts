/**
 * Hostile input to every command: each bad input must give a located message on stderr, a
 * non-zero exit code, no stack trace or "internal error", and nothing on stdout.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { captureOutput } from './helpers/output.js';

// Standard input (`-`) is file descriptor 0: the tests set what it holds.
const stdin = vi.hoisted(() => ({ text: '', reads: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: unknown, ...rest: unknown[]) => {
    if (path === 0) {
      stdin.reads++;
      return stdin.text;
    }
    return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, default: { ...fs, readFileSync }, readFileSync };
});

const io = captureOutput();

const dir = mkdtempSync(join(tmpdir(), 'leastpriv-hostile-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const folder = join(dir, 'a-folder');
mkdirSync(folder);

const run = (...args: string[]) => main(['node', 'leastpriv', ...args]);

const POLICY = 'examples/policies/ci-deployer-identity.json';
const QUEUE_POLICY = 'examples/policies/sqs-queue-policy.json';
const TEMPLATE = 'examples/cfn/blog-example.json';

/** The run failed cleanly: non-zero exit, nothing on stdout, no internal error or stack trace. */
function expectCleanFailure(code: number, message: RegExp): void {
  expect(code).not.toBe(0);
  expect(io.out).toBe('');
  expect(io.err).not.toMatch(/internal error|\n\s+at /);
  expect(io.err).toMatch(message);
}

describe('a directory where a file is expected is named in the error', () => {
  const cases: Array<[string, string[]]> = [
    ['simulate --input', ['simulate', '--input', folder]],
    ['validate --config', ['validate', POLICY, '--config', folder]],
    [
      'check-no-new-access --new-policy',
      [
        'check-no-new-access',
        '--new-policy',
        folder,
        '--existing-policy',
        POLICY,
        '--policy-type',
        'IDENTITY_POLICY',
      ],
    ],
    [
      'check-access-not-granted --access',
      [
        'check-access-not-granted',
        '--policy',
        POLICY,
        '--access',
        folder,
        '--policy-type',
        'IDENTITY_POLICY',
      ],
    ],
    [
      'cfn check-no-new-access --reference-policy',
      [
        'cfn',
        'check-no-new-access',
        '--template-path',
        TEMPLATE,
        '--region',
        'us-east-1',
        '--reference-policy',
        folder,
        '--reference-policy-type',
        'identity',
      ],
    ],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      expectCleanFailure(
        await run(...args),
        new RegExp(`${folder.replace(/[/\\.]/g, '\\$&')}: is a directory`),
      );
    });
  }
  it('cfn parse --template-path: a folder is searched for templates; one without any is named in the error', async () => {
    expectCleanFailure(
      await run('cfn', 'parse', '--template-path', folder, '--region', 'us-east-1'),
      new RegExp(`--template-path: ${folder.replace(/[/\\.]/g, '\\$&')} names no template`),
    );
  });
});

describe('analyze rejects what it would otherwise ignore', () => {
  it('a missing --zone-of-trust is a usage error, not an empty zone', async () => {
    const code = await run('analyze', '--policy', QUEUE_POLICY, '--resource-type', 'AWS::SQS::Queue');
    expectCleanFailure(code, /--zone-of-trust/);
    expect(code).toBe(2);
  });
  it('a --resource-arn that is not an ARN is rejected instead of reporting no findings', async () => {
    const code = await run(
      'analyze',
      '--policy',
      QUEUE_POLICY,
      '--resource-type',
      'AWS::SQS::Queue',
      '--zone-of-trust',
      'account:123456789012',
      '--resource-arn',
      'not-an-arn',
    );
    expectCleanFailure(code, /--resource-arn: "not-an-arn" is not an ARN/);
    expect(code).toBe(2);
  });
});

describe('pathologically deep JSON is a located syntax error, not a stack overflow', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const policy = file(
    'deep-policy.json',
    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",\n"Condition":{"StringEquals":{"aws:x":${deep(20000)}}}}]}`,
  );
  const scenario = file('deep-scenario.json', deep(100000));
  const cases: Array<[string, string[], string]> = [
    ['simulate', ['simulate', '--input', scenario], `${scenario}:1:`],
    ['validate', ['validate', policy], `${policy}:2:`],
    [
      'check-no-new-access',
      [
        'check-no-new-access',
        '--new-policy',
        policy,
        '--existing-policy',
        POLICY,
        '--policy-type',
        'IDENTITY_POLICY',
      ],
      `${policy}:2:`,
    ],
    [
      'check-access-not-granted --access',
      [
        'check-access-not-granted',
        '--policy',
        POLICY,
        '--access',
        scenario,
        '--policy-type',
        'IDENTITY_POLICY',
      ],
      `${scenario}:1:`,
    ],
  ];
  for (const [name, args, where] of cases) {
    it(name, async () => {
      const code = await run(...args);
      expect(code).not.toBe(0);
      // validate reports a JSON syntax error as a finding (on stdout, exit 2), the others on stderr.
      const said = io.out + io.err;
      expect(said).not.toMatch(/internal error|Maximum call stack/);
      expect(said).toContain(where);
      expect(said).toMatch(/nested more than \d+ levels deep/);
    });
  }
});

describe('cfn --template-configuration-file of the wrong shape is a located error, not ignored', () => {
  const parse = (config: string) =>
    run(
      'cfn',
      'parse',
      '--template-path',
      TEMPLATE,
      '--region',
      'us-east-1',
      '--template-configuration-file',
      config,
    );
  it('an array that is no AWS CLI parameter list (issue 16: the AWS CLI shapes are accepted)', async () => {
    const config = file('config-array.json', '[{"Parameters": {"A": "b"}}]');
    expectCleanFailure(await parse(config), /config-array\.json:1:2: ParameterKey \(a string\) is required/);
  });
  it('Parameters holding an object', async () => {
    const config = file('config-object.json', '{\n  "Parameters": {\n    "BucketName": {"Ref": "x"}\n  }\n}');
    expectCleanFailure(
      await parse(config),
      /config-object\.json:3:19: parameter "BucketName" must be a string, found object \(at Parameters\.BucketName\)/,
    );
  });
  it('empty and invalid JSON get a line and column', async () => {
    expectCleanFailure(await parse(file('config-empty.json', '')), /config-empty\.json:1:1: Invalid JSON/);
    io.err = '';
    expectCleanFailure(
      await parse(file('config-bad.json', '{"Parameters": {"A": }}')),
      /config-bad\.json:1:22: Invalid JSON/,
    );
  });
});

describe('"-" (stdin) given for two inputs is a usage error, not "Invalid JSON" about the empty second read', () => {
  const v1 = 'examples/policies/ci-deployer-identity-v1.json';
  const cases: Array<[string, string[]]> = [
    [
      'check-no-new-access',
      [
        'check-no-new-access',
        '--new-policy',
        '-',
        '--existing-policy',
        '-',
        '--policy-type',
        'IDENTITY_POLICY',
      ],
    ],
    [
      'check-access-not-granted',
      ['check-access-not-granted', '--policy', '-', '--access', '-', '--policy-type', 'IDENTITY_POLICY'],
    ],
    ['validate', ['validate', '-', '-']],
  ];
  for (const [name, args] of cases) {
    it(name, async () => {
      stdin.text = readFileSync(v1, 'utf8');
      stdin.reads = 0;
      const code = await run(...args);
      expect(stdin.reads).toBe(1);
      expect(code).toBe(2);
      expect(io.out).toBe('');
      expect(io.err).toMatch(/"-" \(standard input\) is given twice/);
      expect(io.err).not.toMatch(/Invalid JSON/);
    });
  }
  it('one "-" still reads stdin, in a later run too', async () => {
    stdin.text = readFileSync(v1, 'utf8');
    expect(await run('validate', '-', '--format', 'json')).toBe(0);
    expect(JSON.parse(io.out)[0].file).toBe('<stdin>');
  });
});

describe('simulate input of the wrong shape', () => {
  it('a pretty-printed scenario with a syntax error is located where the error is, not as "NDJSON line 1"', async () => {
    const lines = JSON.stringify(
      JSON.parse(readFileSync('examples/simulate/attini-deploy.json', 'utf8')),
      null,
      2,
    ).split('\n');
    lines[10] += ' oops';
    const input = file('pretty-bad.json', lines.join('\n'));
    expectCleanFailure(await run('simulate', '--input', input), /pretty-bad\.json:11:\d+: Invalid JSON/);
    expect(io.err).not.toContain('NDJSON');
  });
  it('real NDJSON with a broken second line still names that line', async () => {
    const one = JSON.stringify(JSON.parse(readFileSync('examples/simulate/attini-deploy.json', 'utf8')));
    const input = file('broken.ndjson', `${one}\n{"request": \n`);
    expectCleanFailure(
      await run('simulate', '--input', input),
      /broken\.ndjson:2:\d+: Invalid JSON.*NDJSON line 2/,
    );
  });
  it('an empty array of scenarios is an error, not a silent success with no output', async () => {
    const input = file('none.json', '[ ]');
    expectCleanFailure(
      await run('simulate', '--input', input, '--format', 'json'),
      /none\.json:1:1: The array holds no scenarios/,
    );
  });
});

describe('validate with nothing to validate', () => {
  it('an empty folder is an error, not "0 findings in 0 files" and exit 0', async () => {
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty);
    expectCleanFailure(await run('validate', empty), /no policy documents found in .*empty-folder/);
  });
  it('a folder holding only JSON that is not a policy says what was skipped and fails', async () => {
    const d = join(dir, 'not-policies');
    mkdirSync(d);
    writeFileSync(join(d, 'package.json'), '{"name": "x"}');
    const code = await run('validate', d, '--format', 'json');
    expectCleanFailure(code, /no policy documents found/);
    expect(code).toBe(2);
    expect(io.err).toContain('note: skipped');
  });
});

describe('proof commands: --timeout beyond what a timer can hold', () => {
  it('is rejected instead of silently becoming 1 ms and an UNKNOWN result', async () => {
    const code = await run(
      'check-no-public-access',
      '--policy',
      QUEUE_POLICY,
      '--resource-type',
      'AWS::SQS::Queue',
      '--timeout',
      '99999999999',
    );
    expectCleanFailure(code, /--timeout must be at most 2147483647 ms/);
    expect(code).toBe(2);
  });
});

describe('--resource-type values AWS would reject', () => {
  const cases: Array<[string, string[]]> = [
    ['validate', ['validate', QUEUE_POLICY]],
    ['check-no-public-access', ['check-no-public-access', '--policy', QUEUE_POLICY]],
    ['analyze', ['analyze', '--policy', QUEUE_POLICY, '--zone-of-trust', 'account:123456789012']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: wrong capitalization is an error with the right spelling`, async () => {
      const code = await run(...args, '--resource-type', 'aws::sqs::queue');
      expectCleanFailure(
        code,
        /--resource-type: "aws::sqs::queue" is not a resource type; did you mean AWS::SQS::Queue\?/,
      );
      expect(code).toBe(2);
    });
    it(`${name}: a value not shaped AWS::Service::Type is an error`, async () => {
      expectCleanFailure(
        await run(...args, '--resource-type', 'bucket'),
        /"bucket" is not a resource type \(AWS::Service::Type/,
      );
    });
    // Issue 16: a typo used to print a note and let the proof PASS with exit 0.
    it(`${name}: an unknown type is unusable input (exit 2) with the nearest known type`, async () => {
      const code = await run(...args, '--resource-type', 'AWS::KMS::Keyy');
      expectCleanFailure(
        code,
        /--resource-type: "AWS::KMS::Keyy" is not a resource type leastpriv knows; did you mean AWS::KMS::Key\?/,
      );
      expect(code).toBe(2);
      expect(io.out).toBe('');
    });
    it(`${name}: a type Access Analyzer knows runs`, async () => {
      await run(...args, '--resource-type', 'AWS::Kinesis::StreamConsumer');
      expect(io.err).toBe('');
      expect(io.out).not.toBe('');
    });
  }
});

describe('cfn: a YAML alias bomb ("billion laughs") is refused, not expanded until memory runs out', () => {
  it('reports the alias that crosses the limit', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const template = file(
      'bomb.yaml',
      `${levels.join('\n')}\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *i\n`,
    );
    const code = await run('cfn', 'parse', '--template-path', template, '--region', 'us-east-1');
    expectCleanFailure(code, /bomb\.yaml:\d+:\d+: YAML aliases expand to more than \d+ nodes/);
    expect(code).toBe(1);
  });
});

describe('check-access-not-granted: an ACCESS list that cannot mean what it says', () => {
  const check = (access: string) =>
    run(
      'check-access-not-granted',
      '--policy',
      POLICY,
      '--access',
      access,
      '--policy-type',
      'IDENTITY_POLICY',
    );
  it('a resource that is not an ARN is a located error', async () => {
    const access = file('access-res.json', '{\n  "resources": ["arn:aws:s3:::b/*", "my-bucket"]\n}');
    const code = await check(access);
    expectCleanFailure(code, /access-res\.json:2:37: "my-bucket" is not an ARN .*\(at \$\.resources\[1\]\)/);
    expect(code).toBe(2);
  });
  it('a misspelled action is named on stderr instead of passing in silence', async () => {
    const access = file('access-typo.json', '{"actions": ["iam:PassRoles"]}');
    await check(access);
    expect(io.err).toContain('the action iam:PassRoles matches no known action');
  });
});

describe('cfn check-access-not-granted: --actions and --resources that cannot mean what they say', () => {
  const check = (...args: string[]) =>
    run('cfn', 'check-access-not-granted', '--template-path', TEMPLATE, '--region', 'us-east-1', ...args);
  it('a resource that is not an ARN is an error', async () => {
    const code = await check('--resources', 'arn:aws:sqs:us-east-1:123456789012:MyQueue,my-queue');
    expectCleanFailure(code, /--resources: "my-queue" is not an ARN/);
    expect(code).toBe(1);
  });
  it('a misspelled action is named on stderr instead of passing in silence', async () => {
    await check('--actions', 'sqs:ReceiveMessagez');
    expect(io.err).toContain('--actions: sqs:ReceiveMessagez matches no known action');
  });
});

describe('validate --config: bad entries are located in the configuration file', () => {
  const validate = (config: string) => run('validate', QUEUE_POLICY, '--config', config);
  it('an unknown issue code in ignore names the file, line and column', async () => {
    const config = file('rc-ignore.json', '{\n  "ignore": ["MISSING_VERSION", "NOPE"]\n}');
    const code = await validate(config);
    expectCleanFailure(code, /rc-ignore\.json:2:33: unknown issue code "NOPE"/);
    expect(code).toBe(2);
  });
  it('an unknown issue code in an override is located too', async () => {
    const config = file('rc-override.json', '{"overrides": [{"files": ["*.json"], "ignore": "NOPE"}]}');
    expectCleanFailure(await validate(config), /rc-override\.json:1:48: unknown issue code "NOPE"/);
  });
  it('a miscapitalized or malformed resourceType is an error, not silently unknown', async () => {
    expectCleanFailure(
      await validate(file('rc-rt.json', '{"resourceType": "aws::sqs::queue"}')),
      /rc-rt\.json:1:18: resourceType "aws::sqs::queue" is not a resource type; did you mean AWS::SQS::Queue\?/,
    );
    io.err = '';
    expectCleanFailure(
      await validate(file('rc-rt2.json', '{"overrides": [{"files": "*.json", "resourceType": "queue"}]}')),
      /rc-rt2\.json:1:52: resourceType "queue" is not a resource type/,
    );
  });
});
