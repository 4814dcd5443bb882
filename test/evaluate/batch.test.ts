/**
 * Batch mode (`simulate --policies SET --requests REQUESTS`), the library API it runs on
 * (`compilePolicySet` then `evaluate(compiled, request)`), and the fast per-scenario path (JSON.parse,
 * policies cached by content, locations computed for what is printed).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { compilePolicySet, evaluate, type Request } from '../../src/evaluate/index.js';
import { resultJson, resultLine } from '../../src/report/simulate.js';
import { readPolicySet, readScenarios, relocate } from '../../src/sources/scenario.js';
import { captureOutput } from '../helpers/output.js';

const io = captureOutput();
const dir = mkdtempSync(join(tmpdir(), 'leastpriv-batch-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const simulate = (...args: string[]) => main(['node', 'leastpriv', 'simulate', ...args]);

const ACCOUNT = '111122223333';
const USER = `arn:aws:iam::${ACCOUNT}:user/alice`;
const SET = {
  resourceAccount: ACCOUNT,
  policies: {
    identity: [
      {
        name: 'Dev',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:Get*', Resource: '*' },
            { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secret/*' },
            {
              Effect: 'Allow',
              Action: 'ec2:RunInstances',
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
            },
          ],
        },
      },
    ],
    scps: [
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }] }],
    ],
  },
};
const REQUESTS: Request[] = [
  { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
  { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::secret/k' },
  { principal: USER, action: 'ec2:RunInstances', resource: '*' },
  {
    principal: USER,
    action: 'ec2:RunInstances',
    resource: '*',
    context: { 'aws:RequestedRegion': 'eu-west-1' },
  },
  { principal: USER, action: 'sqs:SendMessage', resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` },
];
const setPath = file('set.json', JSON.stringify(SET, null, 2));
const ndjson = (rs: unknown[]) => rs.map((r) => `${JSON.stringify(r)}\n`).join('');

describe('library: compilePolicySet then evaluate(compiled, request)', () => {
  it('gives the same results as one scenario per request, in the shape the CLI prints', () => {
    const set = readPolicySet(JSON.stringify(SET), 'set.json');
    const compiled = compilePolicySet(set.policies, { resourceAccount: set.resourceAccount });
    for (const request of REQUESTS) {
      const fromSet = evaluate(compiled, request);
      const fromScenario = evaluate({ request, resourceAccount: ACCOUNT, policies: set.policies });
      expect(JSON.parse(JSON.stringify(fromSet))).toEqual(JSON.parse(JSON.stringify(fromScenario)));
      expect(JSON.parse(JSON.stringify(fromSet))).toEqual(JSON.parse(JSON.stringify(resultJson(fromSet))));
    }
  });

  it('resultLine is exactly JSON.stringify of the result (random messages, keys, decisions)', () => {
    const set = readPolicySet(JSON.stringify(SET), 'set.json');
    const compiled = compilePolicySet(set.policies, { resourceAccount: set.resourceAccount });
    fc.assert(
      fc.property(
        fc.constantFrom(...REQUESTS),
        // Any code units too: quotes, backslashes, control characters and lone surrogates are
        // the characters the line writer must leave to JSON.stringify.
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.constantFrom('a"b', 'a\\b', 'a\u0001b', 'a\ud800b'),
        ),
        fc.dictionary(fc.string(), fc.string()),
        (base, resource, context) => {
          const r = evaluate(compiled, { ...base, resource: resource || '*', context });
          expect(resultLine(r)).toBe(`${JSON.stringify(resultJson(r))}\n`);
        },
      ),
    );
  });
});

describe('simulate --policies SET --requests REQUESTS', () => {
  it('prints one NDJSON result per request, in order, equal to the per-scenario results', async () => {
    const req = file('req.ndjson', ndjson(REQUESTS));
    expect(await simulate('--policies', setPath, '--requests', req, '--format', 'json')).toBe(0);
    const lines = io.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.decision, l.deniedBy ?? '-'])).toEqual([
      ['Allowed', '-'],
      ['ExplicitDeny', 'identity'],
      ['ImplicitDeny', 'identity'],
      ['Allowed', '-'],
      ['ImplicitDeny', 'scp'],
    ]);
    expect(lines[2].missingContextKeys).toEqual(['aws:RequestedRegion']);
    // Matched statements are located in the policy set file.
    const m = lines[1].matchedStatements.find((x: { effect: string }) => x.effect === 'Deny');
    expect(m).toMatchObject({ file: setPath, statement: '1', effect: 'Deny' });
    const text = readFileSync(setPath, 'utf8');
    const { start, end } = m.location.span;
    expect(JSON.parse(text.slice(start.offset, end.offset))).toEqual(
      SET.policies.identity[0].document.Statement[1],
    );
  });

  it('reads a JSON array of requests too, and skips blank lines and \\r\\n endings in NDJSON', async () => {
    const arr = file('req.json', JSON.stringify(REQUESTS, null, 2));
    expect(await simulate('--policies', setPath, '--requests', arr, '--format', 'json')).toBe(0);
    const fromArray = io.out;
    io.out = '';
    const crlf = file('crlf.ndjson', `\r\n${REQUESTS.map((r) => JSON.stringify(r)).join('\r\n\r\n')}\r\n`);
    expect(await simulate('--policies', setPath, '--requests', crlf, '--format', 'json')).toBe(0);
    expect(io.out).toBe(fromArray);
    expect(fromArray.trimEnd().split('\n')).toHaveLength(REQUESTS.length);
  });

  it('explains each request in text, titled with its line', async () => {
    const req = file('req2.ndjson', ndjson(REQUESTS.slice(0, 2)));
    expect(await simulate('--policies', setPath, '--requests', req)).toBe(0);
    expect(io.out).toContain(`Request 2 (${req}:2)`);
    expect(io.out).toMatch(/Deny {2}identity {4}Dev statement #1 {2}\S*set\.json:\d+:\d+/);
  });

  it('a bad request line: located error naming file and line, exit 2, complete result lines before it', async () => {
    const lines = [
      JSON.stringify(REQUESTS[0]),
      JSON.stringify(REQUESTS[1]),
      JSON.stringify({ ...REQUESTS[0], action: 'GetObject' }),
      JSON.stringify(REQUESTS[2]),
    ];
    // Enough good lines before the bad one that output has been flushed in blocks.
    const many = Array.from({ length: 3000 }, () => lines[0]);
    const req = file('bad.ndjson', [...many, ...lines].join('\n'));
    expect(await simulate('--policies', setPath, '--requests', req, '--format', 'json')).toBe(2);
    expect(io.err).toMatch(/bad\.ndjson:3003:\d+: request\.action "GetObject" must be service:Action/);
    expect(io.out.endsWith('\n')).toBe(true);
    const out = io.out.trimEnd().split('\n');
    expect(out).toHaveLength(3002);
    for (const l of out) JSON.parse(l);
  });

  it('invalid JSON on a request line names its line', async () => {
    const req = file('bad2.ndjson', `${JSON.stringify(REQUESTS[0])}\n{"principal": \n`);
    expect(await simulate('--policies', setPath, '--requests', req, '--format', 'json')).toBe(2);
    expect(io.err).toMatch(/bad2\.ndjson:2:\d+: Invalid JSON/);
    expect(io.out.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a request array element that is not an object is located', async () => {
    const req = file('bad.json', `[\n${JSON.stringify(REQUESTS[0])},\n  42\n]`);
    expect(await simulate('--policies', setPath, '--requests', req, '--format', 'json')).toBe(2);
    expect(io.err).toMatch(/bad\.json:3:3: A request must be a JSON object, found number \(at \[1\]\)/);
  });

  it('a principal that is not a principal is a located error (exit 2), not a decision', async () => {
    const req = file('alice.ndjson', ndjson([{ ...REQUESTS[0], principal: 'alice' }]));
    expect(await simulate('--policies', setPath, '--requests', req, '--format', 'json')).toBe(2);
    expect(io.err).toMatch(/alice\.ndjson:1:\d+: request\.principal "alice" is not a principal/);
    expect(io.out).toBe('');
  });

  it('usage errors exit 2: a set with a request, a missing half, both from stdin, an empty file', async () => {
    const withRequest = file('setreq.json', JSON.stringify({ ...SET, request: REQUESTS[0] }));
    const req = file('r.ndjson', ndjson(REQUESTS));
    expect(await simulate('--policies', withRequest, '--requests', req)).toBe(2);
    expect(io.err).toMatch(/setreq\.json:1:\d+: A policy set holds no "request"/);
    expect(await simulate('--policies', setPath)).toBe(2);
    expect(io.err).toContain('batch mode needs both');
    expect(await simulate('--policies', '-', '--requests', '-')).toBe(2);
    expect(io.err).toContain('is given twice');
    expect(await simulate('--input', req, '--policies', setPath, '--requests', req)).toBe(2);
    expect(await simulate('--policies', setPath, '--requests', file('empty.ndjson', '\n\n'))).toBe(2);
    expect(io.err).toContain('holds no request');
    expect(await simulate('--policies', setPath, '--requests', join(dir, 'missing.ndjson'))).toBe(2);
    expect(io.err).toContain('missing.ndjson: no such file or directory');
    expect(io.out).toBe('');
  });

  it('streams requests from stdin ("-")', () => {
    const script = `import { main } from ${JSON.stringify(join(process.cwd(), 'src/cli/main.ts'))};
process.exitCode = await main(['node', 'leastpriv', 'simulate', '--policies', ${JSON.stringify(setPath)}, '--requests', '-', '--format', 'json']);`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      input: ndjson(REQUESTS),
      encoding: 'utf8',
    });
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).decision),
    ).toEqual(['Allowed', 'ExplicitDeny', 'ImplicitDeny', 'Allowed', 'ImplicitDeny']);
  });
});

describe('per-scenario path: compact NDJSON read with JSON.parse, policies cached by content', () => {
  const scenarios = REQUESTS.map((request, i) => ({ name: `s${i}`, request, ...SET }));
  const text = ndjson(scenarios);

  it('scenarios that repeat a policy set share one parsed set', () => {
    const { scenarios: read, origins } = readScenarios(text, 'x.ndjson');
    expect(read).toHaveLength(REQUESTS.length);
    expect(new Set(read.map((s) => s.policies)).size).toBe(1);
    expect(origins?.every((o) => o !== undefined)).toBe(true);
  });

  it('locations of matched statements point at the statement in the input', () => {
    const { scenarios: read, origins } = readScenarios(text, 'x.ndjson');
    const lines = text.split('\n');
    read.forEach((s, i) => {
      for (const raw of evaluate(s).matchedStatements) {
        const m = relocate(raw, origins![i]!);
        const { start, end } = m.location.span;
        expect(start.line).toBe(i + 1);
        expect(lines[i].slice(start.column, end.column)).toBe(text.slice(start.offset, end.offset));
        const statement = JSON.parse(text.slice(start.offset, end.offset));
        expect(statement.Effect).toBe(m.effect);
        expect(m.location.path.slice(0, 2)).toEqual([{ index: i }, { value: 'policies' }]);
      }
    });
  });

  it('prints the same results as the located reader (pretty-printed lines take that path)', async () => {
    const fast = file('fast.ndjson', text);
    const slow = file(
      'slow.ndjson',
      scenarios.map((s) => `${JSON.stringify(s).replace(/":/g, '": ')}\n`).join(''),
    );
    expect(readScenarios(readFileSync(slow, 'utf8')).origins?.some((o) => o !== undefined)).toBe(false);
    await simulate('--input', fast, '--format', 'json');
    const a = io.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    io.out = '';
    await simulate('--input', slow, '--format', 'json');
    const b = io.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const strip = (r: { matchedStatements: Array<{ location: { path: unknown }; file: string }> }) => ({
      ...r,
      matchedStatements: r.matchedStatements.map((m) => ({
        ...m,
        location: m.location.path,
        file: undefined,
      })),
    });
    expect(a.map(strip)).toEqual(b.map(strip));
    expect(a[0].matchedStatements[0].file).toBe(fast);
  });

  it('a compact line with a bad value is still reported by the located reader', async () => {
    const bad = file(
      'bad-fast.ndjson',
      `${JSON.stringify(scenarios[0])}\n${JSON.stringify({ ...scenarios[1], request: { ...REQUESTS[0], principal: 'alice' } })}\n`,
    );
    expect(await simulate('--input', bad, '--format', 'json')).toBe(2);
    expect(io.err).toMatch(
      /bad-fast\.ndjson:2:\d+: request\.principal "alice" is not a principal.*\(at \[1\]\.request\.principal\)/,
    );
    expect(io.out).toBe('');
  });
});

describe('the fast paths keep the located checks', () => {
  it('a compact NDJSON scenario whose policy repeats a member is refused like any other (duplicate keys)', async () => {
    const good = JSON.stringify({ request: REQUESTS[0], ...SET });
    const dup = good.replace('"Effect":"Allow",', '"Effect":"Deny","Effect":"Allow",');
    expect(dup).not.toBe(good);
    const p = file('dup.ndjson', `${good}\n${dup}\n`);
    expect(await simulate('--input', p, '--format', 'json')).toBe(2);
    expect(io.err).toMatch(/dup\.ndjson:2:\d+: .*Effect/);
    expect(io.out).toBe('');
  });
});

describe('batch mode reads strict UTF-8', () => {
  it('a bad byte in the requests is an error at its line, after the complete results before it', async () => {
    const good = Buffer.from(`${JSON.stringify(REQUESTS[0])}\n`);
    const bad = Buffer.concat([
      good,
      Buffer.from('{"principal":"arn:aws:iam::111122223333:user/al'),
      Buffer.from([0xff]),
      Buffer.from('ice"}\n'),
    ]);
    const p = join(dir, 'bad-utf8.ndjson');
    writeFileSync(p, bad);
    expect(await simulate('--policies', setPath, '--requests', p, '--format', 'json')).toBe(2);
    expect(io.err).toMatch(/bad-utf8\.ndjson:2:48: invalid UTF-8: byte 0xFF/);
    expect(io.out.split('\n')).toHaveLength(2);
    expect(JSON.parse(io.out).decision).toBe('Allowed');
  });

  it('a character cut off by the end of the file is an error at its line, not an internal error', async () => {
    const p = join(dir, 'cut-utf8.ndjson');
    writeFileSync(
      p,
      Buffer.concat([
        Buffer.from(`${JSON.stringify(REQUESTS[0])}\n{"principal":"x","action":"s3:GetObject","resource":"a`),
        Buffer.from([0xe2, 0x82]),
      ]),
    );
    expect(await simulate('--policies', setPath, '--requests', p, '--format', 'json')).toBe(2);
    expect(io.err).toBe(`leastpriv: ${p}:2:55: invalid UTF-8: byte 0xE2 starts no valid character\n`);
    expect(io.out.split('\n')).toHaveLength(2);
  });

  it('characters that straddle the 64 KiB reads decode as in one piece', async () => {
    // Multi-byte characters at every alignment, over several reads, and a last line without newline.
    const requests = Array.from({ length: 2000 }, (_, i) => ({
      ...REQUESTS[0],
      resource: `arn:aws:s3:::b/${'é'.repeat(i % 5)}${'😀'.repeat(i % 3)}-${i}`,
    }));
    const p = join(dir, 'wide.ndjson');
    writeFileSync(p, ndjson(requests).trimEnd());
    expect(await simulate('--policies', setPath, '--requests', p, '--format', 'json')).toBe(0);
    const lines = io.out.trimEnd().split('\n');
    expect(lines).toHaveLength(2000);
    for (const [i, l] of lines.entries()) expect(JSON.parse(l).message).toContain(requests[i].resource);
  });
});
