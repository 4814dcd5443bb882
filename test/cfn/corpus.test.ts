/**
 * Real-world templates (test/fixtures/cfn/corpus, public repositories, see its README): `cfn parse`
 * must not abort on any of them. What CloudFormation would deploy without complaint is no reason
 * for the policy checks to give up: values that are needed but not known offline become located
 * warnings and marked placeholders (issue 11).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/output.js';

const ROOT = 'test/fixtures/cfn/corpus';
const templates = ['serverless-patterns', 'aws-cloudformation-templates'].flatMap((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => /\.(ya?ml|yml|json)$/.test(f))
    .sort()
    .map((f) => join(ROOT, d, f)),
);

const io = captureOutput();

describe('cfn parse on the real-world corpus', () => {
  it('holds at least 100 templates, SAM and plain, YAML and JSON', () => {
    expect(templates.length).toBeGreaterThanOrEqual(100);
    expect(templates.some((t) => t.endsWith('.json'))).toBe(true);
    expect(templates.some((t) => t.includes('serverless-patterns'))).toBe(true);
  });
  it.each(templates)('%s parses', async (file) => {
    const code = await main([
      'node',
      'leastpriv',
      'cfn',
      'parse',
      '--template-path',
      file,
      '--region',
      'us-east-1',
    ]);
    expect(io.err.split('\n').filter((l) => /error/i.test(l) && !/warning/.test(l))).toEqual([]);
    expect(code).toBe(0);
    const out = JSON.parse(io.out) as { Roles: unknown[]; Resources: unknown[] };
    expect(Array.isArray(out.Roles)).toBe(true);
  });
});
