/**
 * `leastpriv simulate` end to end: the three input shapes (object, array, NDJSON), both output
 * formats, the bundled examples (the seeds' policies), and located errors for bad input.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { evaluate } from '../../src/evaluate/index.js';
import { PolicyParseError } from '../../src/policy/issues.js';
import { renderJson, renderText } from '../../src/report/simulate.js';
import { readScenarios, relocate } from '../../src/sources/scenario.js';
import { captureOutput } from '../helpers/output.js';

const io = captureOutput();

const dir = mkdtempSync(join(tmpdir(), 'leastpriv-simulate-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
const simulate = (...args: string[]) => main(['node', 'leastpriv', 'simulate', ...args]);

const scenario = (action: string) => ({
  request: { principal: 'arn:aws:iam::111122223333:user/alice', action, resource: 'arn:aws:s3:::b/k' },
  resourceAccount: '111122223333',
  policies: {
    identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] }],
  },
});

describe('simulate on the bundled examples (the seeds: Attini bucket policy, DenyOtherRegions SCP, ABAC, SourceIp/ViaAWSService, RequestTag/Owner, execute-api)', () => {
  it('decides every scenario as documented', async () => {
    const code = await simulate('--input', 'examples/simulate/scenarios.json', '--format', 'json');
    expect(code).toBe(0);
    const results = JSON.parse(io.out) as Array<{
      decision: string;
      deniedBy?: string;
      missingContextKeys: string[];
    }>;
    expect(results.map((r) => [r.decision, r.deniedBy ?? '-'])).toEqual([
      ['ExplicitDeny', 'resource'], // someone other than the deploy role uploads to deployment-origin
      ['Allowed', '-'], // the deploy role (aws:PrincipalArn with its path) is not denied
      ['ExplicitDeny', 'scp'], // DenyOtherRegions blocks ap-southeast-2
      ['Allowed', '-'], // ABAC: own tenant prefix via ${aws:PrincipalTag/TenantID}
      ['ImplicitDeny', 'identity'], // ABAC: another tenant's prefix
      ['ExplicitDeny', 'identity'], // NotIpAddress + ViaAWSService=false deny
      ['ImplicitDeny', 'identity'], // RequestTag/Owner must equal ${aws:username}
      ['ImplicitDeny', 'identity'], // execute-api IpAddress without aws:SourceIp
    ]);
    expect(results[7].missingContextKeys).toEqual(['aws:SourceIp']);
  });

  it('explains in text: decision, AWS message, matched statements with file:line:column', async () => {
    await simulate('--input', 'examples/simulate/scenarios.json');
    expect(io.out).toContain(
      'Scenario 1: Only the deploy role may upload to the Attini deployment-origin bucket',
    );
    expect(io.out).toContain('Decision: ExplicitDeny (resource-based policy)');
    expect(io.out).toMatch(
      /Deny {2}resource {4}attini-deployment-origin bucket policy statement "RestrictDeploymentAccess" {2}examples\/simulate\/scenarios\.json:\d+:\d+/,
    );
    expect(io.out).toContain('with an explicit deny in a service control policy');
    expect(io.out).toContain('Missing context keys: aws:SourceIp');
  });
});

describe('input shapes', () => {
  it('one object gives one JSON object', async () => {
    const p = file('one.json', JSON.stringify(scenario('s3:GetObject')));
    expect(await simulate('--input', p, '--format', 'json')).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({
      decision: 'Allowed',
      matchedStatements: [{ policy: 'identity[0]' }],
    });
  });

  it('an array gives an array', async () => {
    const p = file('arr.json', JSON.stringify([scenario('s3:GetObject'), scenario('s3:PutObject')]));
    await simulate('--input', p, '--format', 'json');
    expect((JSON.parse(io.out) as Array<{ decision: string }>).map((r) => r.decision)).toEqual([
      'Allowed',
      'ImplicitDeny',
    ]);
  });

  it('NDJSON gives NDJSON, one result per line', async () => {
    const p = file(
      'many.ndjson',
      `${JSON.stringify(scenario('s3:GetObject'))}\n\n${JSON.stringify(scenario('s3:PutObject'))}\n`,
    );
    await simulate('--input', p, '--format', 'json');
    const lines = io.out.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).decision)).toEqual(['Allowed', 'ImplicitDeny']);
  });

  it('notes an action the service reference does not know', async () => {
    const p = file('typo.json', JSON.stringify(scenario('s3:GetObjects')));
    await simulate('--input', p);
    expect(io.out).toContain('Note: s3:GetObjects is not an action in the Service Authorization Reference');
  });

  it('a UTF-8 byte-order mark at the start of the file is ignored', async () => {
    const p = file('bom.json', `\ufeff${JSON.stringify(scenario('s3:GetObject'))}`);
    expect(await simulate('--input', p, '--format', 'json')).toBe(0);
    expect(JSON.parse(io.out).decision).toBe('Allowed');
  });

  it('named policies keep their names', async () => {
    const s = scenario('s3:GetObject');
    const p = file(
      'named.json',
      JSON.stringify({
        ...s,
        policies: { identity: [{ name: 'Reader', document: s.policies.identity[0] }] },
      }),
    );
    await simulate('--input', p, '--format', 'json');
    expect(JSON.parse(io.out).matchedStatements[0].policy).toBe('Reader');
  });
});

describe('bad input: located message, exit 2 (the exit-code table), nothing on stdout', () => {
  const bad = async (text: string, expected: RegExp) => {
    const p = file('bad.json', text);
    const code = await simulate('--input', p, '--format', 'json');
    expect(code).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toMatch(expected);
    expect(io.err).not.toMatch(/\n\s+at /); // no stack trace
  };

  it('invalid JSON', () => bad('{"request": ', /bad\.json:1:\d+: Invalid JSON/));
  it('an unknown field', () =>
    bad(
      JSON.stringify({ ...scenario('s3:GetObject'), polices: {} }),
      /bad\.json:1:\d+: Unknown field "polices"/,
    ));
  it('a missing request field', () =>
    bad(
      JSON.stringify({
        request: { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject' },
        policies: {},
      }),
      /request needs "resource" \(at request\)/,
    ));
  it('a malformed embedded policy, located in the scenario file', () =>
    bad(
      '{\n  "request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},\n  "policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]}]}\n}',
      /bad\.json:3:\d+: Invalid Effect "allow".*\(at policies\.identity\[0\]\.Statement\[0\]\.Effect\)/,
    ));
  it('an account id that is not 12 digits', () =>
    bad(
      JSON.stringify({ ...scenario('s3:GetObject'), resourceAccount: '1234' }),
      /resourceAccount must be a 12-digit account id/,
    ));
  it('a context value that is an object', () =>
    bad(
      JSON.stringify({
        ...scenario('s3:GetObject'),
        request: { ...scenario('s3:GetObject').request, context: { 'aws:SourceIp': { ip: '1.2.3.4' } } },
      }),
      /A context value must be a string, number, boolean or an array of them/,
    ));
  it('a broken NDJSON line names its line', () =>
    bad(`${JSON.stringify(scenario('s3:GetObject'))}\n{"request": \n`, /bad\.json:2:\d+: .*NDJSON line 2/));
  it('an empty file', () => bad('', /The input is empty/));

  it('a missing file', async () => {
    const code = await simulate('--input', join(dir, 'nope.json'));
    expect(code).toBe(2);
    expect(io.err).toContain('nope.json: no such file or directory');
  });

  it('an unknown --format', async () => {
    const p = file('ok.json', JSON.stringify(scenario('s3:GetObject')));
    expect(await simulate('--input', p, '--format', 'yaml')).toBe(2);
    expect(io.err).toContain('--format must be text or json');
    expect(io.out).toBe('');
  });

  it('a missing --input', async () => {
    expect(await simulate()).toBe(2);
    expect(io.err).toContain('give --input SCENARIOS, or --policies SET --requests REQUESTS');
  });
});

describe('readScenarios', () => {
  it('reports every problem at once, each located', () => {
    const text = JSON.stringify(
      [
        { request: 1, policies: {} },
        { request: {}, policies: { bogus: 1 } },
      ],
      null,
      2,
    );
    try {
      readScenarios(text, 'x.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyParseError);
      const issues = (e as PolicyParseError).issues;
      expect(issues.length).toBeGreaterThanOrEqual(3);
      for (const i of issues) expect(i.location.span.start.line).toBeGreaterThan(1);
    }
  });
});

describe('NDJSON scenarios from a file are streamed, with the same output as the whole-input reader', () => {
  // Over 64 KiB (several chunks), two policy sets taking turns (the repeated-policies path and
  // the cache), blank lines, CRLF line ends and a byte-order mark: locations must not move.
  const other = {
    ...scenario('s3:GetObject'),
    policies: {
      identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] }],
    },
  };
  const lines: string[] = [];
  for (let i = 0; i < 900; i++) {
    const s = i % 7 === 3 ? other : scenario(i % 2 === 0 ? 's3:GetObject' : 's3:PutObject');
    lines.push(JSON.stringify({ ...s, name: `scenario ${i}` }) + (i % 5 === 0 ? '\r' : ''));
    if (i % 11 === 0) lines.push('');
  }
  const text = `\ufeff${lines.join('\n')}\n`;

  function expected(path: string, json: boolean): string {
    const { format, scenarios, origins } = readScenarios(text.slice(1), path);
    expect(format).toBe('ndjson');
    const results = scenarios.map((s, i) => {
      const r = evaluate(s);
      const o = origins?.[i];
      return o
        ? { ...r, message: r.message, matchedStatements: r.matchedStatements.map((m) => relocate(m, o)) }
        : r;
    });
    return json ? renderJson(results, format) : renderText(scenarios, results, path);
  }

  it('json and text', async () => {
    const p = file('stream.ndjson', text);
    expect(text.length).toBeGreaterThan(3 * 65536);
    expect(await simulate('--input', p, '--format', 'json')).toBe(0);
    expect(io.out).toBe(expected(p, true));
    expect(io.out.split('\n').length - 1).toBe(900);
    io.out = '';
    expect(await simulate('--input', p)).toBe(0);
    expect(io.out).toBe(expected(p, false));
  });

  it('a bad line far into the file: the located error, and no output at all', async () => {
    const p = file(
      'stream-bad.ndjson',
      `${text}${JSON.stringify({ ...scenario('s3:GetObject'), resourceAccount: '12' })}\n`,
    );
    expect(await simulate('--input', p, '--format', 'json')).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toMatch(
      new RegExp(
        `stream-bad\\.ndjson:${lines.length + 1}:\\d+: .*resourceAccount must be a 12-digit account id`,
      ),
    );
  });
});
