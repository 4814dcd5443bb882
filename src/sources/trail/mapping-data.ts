/**
 * Loads the bundled CloudTrail mapping data (data/iam-dataset/cloudtrail-map.json, an extract of
 * iann0036/iam-dataset, MIT) into the shape the generate engine takes. The engine reads no files.
 */
import { readFileSync } from 'node:fs';
import type { MappingData } from '../../generate/mapping.js';

interface RawMap {
  cloudtrail_service_mappings: Record<string, string>;
  sdk_permissionless_actions: string[];
  sdk_method_iam_mappings: Record<string, string[]>;
}

/** SDK client names used by the extract -> IAM service prefixes (iam-dataset's sdk_service_mappings). */
const SDK_PREFIX: Record<string, string> = { S3: 's3', STS: 'sts', DynamoDB: 'dynamodb' };

let cached: MappingData | undefined;

function sdkToIam(method: string): string {
  const dot = method.indexOf('.');
  const prefix = SDK_PREFIX[method.slice(0, dot)];
  if (dot <= 0 || !prefix) throw new Error(`cloudtrail-map.json: unknown SDK client in "${method}"`);
  return `${prefix}:${method.slice(dot + 1)}`;
}

export function loadMappingData(): MappingData {
  if (cached) return cached;
  // src/sources/trail and dist/sources/trail are both three levels below the package root.
  const url = new URL('../../../data/iam-dataset/cloudtrail-map.json', import.meta.url);
  const raw = JSON.parse(readFileSync(url, 'utf8')) as RawMap;
  const methods: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(raw.sdk_method_iam_mappings)) methods[sdkToIam(k).toLowerCase()] = v;
  cached = {
    services: raw.cloudtrail_service_mappings,
    permissionless: new Set(raw.sdk_permissionless_actions.map((m) => sdkToIam(m).toLowerCase())),
    methods,
  };
  return cached;
}
