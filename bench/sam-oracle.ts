/**
 * The SAM oracle over all of SAM's translator tests, not only the pairs kept as fixtures: for each
 * tests/translator/output/NAME.json that is a template, the transform of input/NAME.yaml must
 * yield the same roles and policies as SAM's output (the comparison of test/cfn/sam-oracle.test.ts).
 * Prints "N of M match" and each pair that does not, so docs/cfn.md's counts can be re-measured.
 *
 *   git clone https://github.com/aws/serverless-application-model sam
 *   node --import tsx bench/sam-oracle.ts sam/tests/translator [--json result.json]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../src/sources/cfn/index.js';
import { asSam, oracleView } from '../test/cfn/sam-oracle-view.js';

const dir = process.argv[2];
if (!dir || !existsSync(join(dir, 'input')) || !existsSync(join(dir, 'output'))) {
  console.error(
    'usage: node --import tsx bench/sam-oracle.ts <SAM tests/translator directory> [--json FILE]',
  );
  process.exit(2);
}
const jsonAt = process.argv.indexOf('--json');
const parse = (text: string, file: string) => parseTemplate(text, { file, region: 'us-east-1' });
const view = (text: string, file: string) => JSON.stringify(oracleView(parse(text, file)));

const result: Record<string, string> = {};
let pairs = 0;
let readable = 0;
let matched = 0;
for (const f of readdirSync(join(dir, 'output'))
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  const name = f.slice(0, -'.json'.length);
  const input = join(dir, 'input', `${name}.yaml`);
  const outText = readFileSync(join(dir, 'output', f), 'utf8');
  let out: { Resources?: unknown };
  try {
    out = JSON.parse(outText);
  } catch {
    continue;
  }
  if (!out.Resources || !existsSync(input)) continue; // an error case of SAM's, not a template
  pairs++;
  let expected: string;
  try {
    expected = view(outText, f);
  } catch (e) {
    result[name] = `SAM output unreadable: ${(e as Error).message}`;
    continue;
  }
  readable++;
  try {
    const actual = view(asSam(readFileSync(input, 'utf8')), `${name}.yaml`);
    result[name] = actual === expected ? 'ok' : 'differs';
    if (actual === expected) matched++;
  } catch (e) {
    result[name] = `input error: ${(e as Error).message}`;
  }
}
for (const [name, status] of Object.entries(result)) if (status !== 'ok') console.log(`${name}: ${status}`);
console.log(`${matched} of ${pairs} pairs match (${readable} SAM outputs readable)`);
if (jsonAt > 0 && process.argv[jsonAt + 1])
  writeFileSync(process.argv[jsonAt + 1], JSON.stringify(result, null, 1));
