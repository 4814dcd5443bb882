// Regenerates resources.json from @aws-cdk/aws-service-spec (the CloudFormation resource
// specification as the AWS CDK maintains it, Apache-2.0): per resource type, what `Ref` returns
// (its ref identifier, else its primary identifier), its `Fn::GetAtt` attributes and its ARN template.
//   node data/cloudformation/generate.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

const req = createRequire(import.meta.url);
const pkg = req.resolve('@aws-cdk/aws-service-spec/package.json');
const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
const db = JSON.parse(gunzipSync(readFileSync(pkg.replace(/package\.json$/, 'db.json.gz'))));
const types = {};
for (const e of Object.values(db.schema.resource.entities)) {
  const rec = {
    ref: e.cfnRefIdentifier ?? e.primaryIdentifier ?? [],
    attrs: Object.keys(e.attributes ?? {}).sort(),
  };
  if (e.arnTemplate) rec.arn = e.arnTemplate;
  types[e.cloudFormationType] = rec;
}
const sorted = Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1)));
const out = new URL('./resources.json', import.meta.url);
writeFileSync(out, `${JSON.stringify({ source: `@aws-cdk/aws-service-spec ${version}`, types: sorted })}\n`);
console.log(`${Object.keys(sorted).length} resource types`);
