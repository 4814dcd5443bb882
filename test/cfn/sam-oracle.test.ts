/**
 * SAM as its own oracle: for pairs of SAM input and the SAM translator's output (from
 * aws/serverless-application-model's translator tests, test/fixtures/cfn/sam-translator), the
 * roles, policies, managed policy ARNs and resource policies leastpriv's SAM transform yields from
 * the input must equal what it reads from SAM's generated CloudFormation.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from './helpers.js';

const dir = new URL('../fixtures/cfn/sam-translator/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

/** Order-free view of what the parse extracted (statement and policy order aside). */
function sortDeep(v: unknown): unknown {
  if (Array.isArray(v))
    return v
      .map(sortDeep)
      .map((x) => JSON.stringify(x))
      .sort()
      .map((s) => JSON.parse(s));
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]),
    );
  return v;
}
function view(x: ReturnType<typeof parse>) {
  const o = x.output;
  return sortDeep({
    roles: o.Roles.map((r) => ({
      name: r.RoleName,
      trust: r.TrustPolicy,
      policies: r.Policies.map((p) => ({ name: p.Name, policy: p.Policy })),
    })),
    resources: o.Resources.map((r) => ({
      name: r.ResourceName,
      type: r.ResourceType,
      policy: r.Policy.Policy,
    })),
    managed: x.unresolvedManagedPolicies.map((u) => u.arn),
  });
}

/** SAM's tests feed inputs without a Transform line to the translator; the transform is implied. */
function asSam(text: string): string {
  if (/^Transform:/m.test(text)) return text;
  const line = 'Transform: AWS::Serverless-2016-10-31';
  return /^%/.test(text) ? text.replace(/^---$/m, `---\n${line}`) : `${line}\n${text}`;
}

describe('SAM transform against SAM translator output', () => {
  it('has pairs to compare', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
  });
  it.each(names)('%s', (name) => {
    const input = readFileSync(new URL(`${name}.yaml`, dir), 'utf8');
    const output = readFileSync(new URL(`${name}.json`, dir), 'utf8');
    const expected = view(parse(output, { file: `${name}.json` }));
    const actual = view(parse(asSam(input), { file: `${name}.yaml` }));
    expect(actual).toEqual(expected);
  });
});
