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
import { asSam, oracleView as view } from './sam-oracle-view.js';

const dir = new URL('../fixtures/cfn/sam-translator/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

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
