/**
 * Resource element checks: ARN syntax against the ARN formats of the Service Authorization
 * Reference, redundant resources, and resources of another service in a resource-based policy.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import { listResourceTypes, type ResourceTypeInfo, serviceExists } from '../../catalog/index.js';
import { resourceTypeRecord } from '../../catalog/resource-types.js';
import type { Located } from '../../policy/location.js';
import { compileGlob } from '../../policy/wildcard.js';
import type { CheckContext } from '../context.js';
import { type Check, defineCheck } from '../define.js';
import { resourceMatchesFormat } from '../glob.js';

const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** A Resource/NotResource value split into ARN fields (variables count as wildcards). */
interface ArnValue {
  loc: Located<string>['loc'];
  text: string;
  fields: string[];
}

function hasWild(s: string): boolean {
  return s.includes('*') || s.includes('?') || s.includes('${');
}

function resourceValues(ctx: CheckContext): ArnValue[] {
  const out: ArnValue[] = [];
  for (const st of ctx.statements) {
    for (const r of [...(st.resource ?? []), ...(st.notResource ?? [])]) {
      if (r.value === '*') continue;
      const fields = splitArn(r.value);
      out.push({ loc: r.loc, text: r.value, fields });
    }
  }
  return out;
}

/** Splits at colons, keeping `${...}` policy variables (which may contain colons) whole. */
export function splitArn(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      const end = text.indexOf('}', i);
      if (end > 0) {
        cur += text.slice(i, end + 1);
        i = end;
        continue;
      }
    }
    if (text[i] === ':') {
      out.push(cur);
      cur = '';
    } else cur += text[i];
  }
  out.push(cur);
  return out;
}

/** Resource types of the ARN's service whose formats the value can match (lenient placeholders). */
const candidateCache = new Map<string, ResourceTypeInfo[] | undefined>();

function candidates(v: ArnValue): ResourceTypeInfo[] | undefined {
  if (candidateCache.has(v.text)) return candidateCache.get(v.text);
  const out = computeCandidates(v);
  if (candidateCache.size > 20000) candidateCache.clear();
  candidateCache.set(v.text, out);
  return out;
}

function computeCandidates(v: ArnValue): ResourceTypeInfo[] | undefined {
  const service = v.fields[2];
  if (v.fields[0] !== 'arn' || v.fields.length < 6 || hasWild(service) || !serviceExists(service))
    return undefined;
  const types = listResourceTypes(service);
  if (types.length === 0) return undefined;
  const resource = v.fields.slice(5).join(':');
  return types.filter((t) => {
    const fmtResource = t.arn.split(':').slice(5).join(':');
    return resourceMatchesFormat(resource, fmtResource, 'lenient');
  });
}

function fieldOf(format: string, n: number): string {
  return format.split(':')[n] ?? '';
}

export const invalidArnPrefix = defineCheck(
  {
    issueCode: 'INVALID_ARN_PREFIX',
    findingType: 'ERROR',
    title: 'Invalid ARN prefix',
    description: 'A resource is neither "*" nor an ARN starting with arn:.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      if (!v.text.startsWith('arn:') && !v.text.startsWith('${') && !v.text.startsWith('*')) {
        ctx.report('Add the required prefix (arn) to the resource ARN.', v.loc);
      }
    }
  },
);

export const missingArnField = defineCheck(
  {
    issueCode: 'MISSING_ARN_FIELD',
    findingType: 'ERROR',
    title: 'Missing ARN field',
    description: 'A resource ARN has fewer than six colon-separated fields.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      if (!v.text.startsWith('arn:') || v.fields.length >= 6) continue;
      // A trailing * may stand for the remaining fields.
      if (v.fields[v.fields.length - 1].includes('*')) continue;
      ctx.report(
        'Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource',
        v.loc,
      );
    }
  },
);

export const invalidArnServiceCase = defineCheck(
  {
    issueCode: 'INVALID_ARN_SERVICE_CASE',
    findingType: 'ERROR',
    title: 'Invalid ARN service case',
    description: 'The service in a resource ARN must be lowercase.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const service = v.fields[2];
      if (v.fields[0] === 'arn' && service && service !== service.toLowerCase() && !service.includes('${')) {
        ctx.report(
          `Update the service name ${service} in the resource ARN to use all lowercase letters.`,
          v.loc,
        );
      }
    }
  },
);

export const invalidPartition = defineCheck(
  {
    issueCode: 'INVALID_PARTITION',
    findingType: 'ERROR',
    title: 'Invalid partition',
    description: 'The partition of a resource ARN is not an AWS partition.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const partition = v.fields[1];
      if (v.fields[0] !== 'arn' || partition === undefined || hasWild(partition) || PARTITIONS.has(partition))
        continue;
      ctx.report(
        `The resource ARN for the service ${v.fields[2] ?? ''} does not support the partition ${partition}. Use the supported values: ${[...PARTITIONS].join(', ')}`,
        v.loc,
      );
    }
  },
);

export const invalidArnAccount = defineCheck(
  {
    issueCode: 'INVALID_ARN_ACCOUNT',
    findingType: 'ERROR',
    title: 'Invalid ARN account',
    description: 'The account field of a resource ARN is not a 12-digit account ID.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const account = v.fields[4];
      if (v.fields[0] !== 'arn' || v.fields.length < 6 || !account || hasWild(account)) continue;
      if (/^\d{12}$/.test(account) || account === 'aws') continue;
      ctx.report(
        `The resource ARN account ID ${account} is not valid. Provide a 12-digit account ID.`,
        v.loc,
      );
    }
  },
);

export const invalidArnRegion = defineCheck(
  {
    issueCode: 'INVALID_ARN_REGION',
    findingType: 'ERROR',
    title: 'Invalid ARN Region',
    description: 'The Region field of a resource ARN is not a Region code.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const region = v.fields[3];
      if (v.fields[0] !== 'arn' || v.fields.length < 6 || !region || hasWild(region) || REGION.test(region))
        continue;
      ctx.report(
        `The Region ${region} is not valid for this resource. Update the resource ARN to include a supported Region.`,
        v.loc,
      );
    }
  },
);

function fieldRule(
  issueCode: string,
  title: string,
  description: string,
  field: 3 | 4,
  want: 'empty' | 'present',
  details: (v: ArnValue) => string,
): Check {
  return defineCheck({ issueCode, findingType: 'ERROR', title, description }, (ctx) => {
    for (const v of resourceValues(ctx)) {
      const value = v.fields[field];
      if (value === undefined || hasWild(value)) continue;
      const cands = candidates(v);
      if (!cands || cands.length === 0) continue;
      if (want === 'empty') {
        // The value names a Region/account, but no matching resource type has one.
        if (value !== '' && cands.every((t) => fieldOf(t.arn, field) === '')) ctx.report(details(v), v.loc);
      } else if (value === '' && cands.every((t) => fieldOf(t.arn, field) !== ''))
        ctx.report(details(v), v.loc);
    }
  });
}

export const arnRegionNotAllowed = fieldRule(
  'ARN_REGION_NOT_ALLOWED',
  'ARN Region not allowed',
  'The resource type has no Region in its ARN.',
  3,
  'empty',
  (v) => `The service ${v.fields[2]} does not support specifying a Region in the resource ARN.`,
);

export const arnAccountNotAllowed = fieldRule(
  'ARN_ACCOUNT_NOT_ALLOWED',
  'ARN account not allowed',
  'The resource type has no account ID in its ARN.',
  4,
  'empty',
  (v) => `The service ${v.fields[2]} does not support specifying an account ID in the resource ARN.`,
);

export const missingArnRegion = fieldRule(
  'MISSING_ARN_REGION',
  'Missing ARN Region',
  'The resource type needs a Region in its ARN.',
  3,
  'present',
  (v) => `Add a Region to the ${v.fields[2]} resource ARN.`,
);

export const missingArnAccount = fieldRule(
  'MISSING_ARN_ACCOUNT',
  'Missing ARN account',
  'The resource type needs an account ID in its ARN.',
  4,
  'present',
  (v) =>
    `The resource ${v.fields.slice(5).join(':')} in the arn is missing an account id. Please provide a 12 digit account id.`,
);

export const invalidArnResource = defineCheck(
  {
    issueCode: 'INVALID_ARN_RESOURCE',
    findingType: 'ERROR',
    title: 'Invalid ARN resource',
    description: 'The resource part of an ARN matches no resource type of its service.',
  },
  (ctx) => {
    for (const v of resourceValues(ctx)) {
      const cands = candidates(v);
      if (cands && cands.length === 0) {
        ctx.report(
          'Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.',
          v.loc,
        );
      }
    }
  },
);

export const unsupportedResourceArnInPolicy = defineCheck(
  {
    issueCode: 'UNSUPPORTED_RESOURCE_ARN_IN_POLICY',
    findingType: 'ERROR',
    title: 'Unsupported resource ARN in policy',
    description: "A resource-based policy names a resource of another service than its resource's.",
    policyTypes: ['RESOURCE_POLICY'],
  },
  (ctx) => {
    const allowed = resourceTypeRecord(ctx.resourceType);
    if (!allowed || ctx.isTrustPolicy) return;
    for (const v of resourceValues(ctx)) {
      const service = v.fields[2];
      if (v.fields[0] !== 'arn' || service === undefined || hasWild(service)) continue;
      if (!allowed.services.includes(service.toLowerCase())) {
        ctx.report(
          `The resource ARN is not supported for the resource-based policy attached to the resource type ${ctx.resourceType}.`,
          v.loc,
        );
      }
    }
  },
);

const globCache = new Map<string, (v: string) => boolean>();

/** True when every resource matched by pattern `a` is matched by pattern `b`. */
function resourceCovers(b: string, a: string): boolean {
  if (b === '*') return true;
  if (!hasWild(b)) return false;
  if (a.includes('${') || b.includes('${')) return false;
  // Matching a's text literally against b is exact when a has no wildcards, and sound when b has
  // no `?` (each * of a is then absorbed by a * of b).
  if (hasWild(a) && b.includes('?')) return false;
  let m = globCache.get(b);
  if (!m) {
    m = compileGlob(b);
    if (globCache.size > 20000) globCache.clear();
    globCache.set(b, m);
  }
  return m(a);
}

export const redundantResource = defineCheck(
  {
    issueCode: 'REDUNDANT_RESOURCE',
    findingType: 'SUGGESTION',
    title: 'Redundant resource',
    description: 'A resource is already covered by another entry of the same Resource element.',
  },
  (ctx) => {
    for (const st of ctx.statements) {
      for (const list of [st.resource ?? [], st.notResource ?? []]) {
        if (list.length < 2) continue;
        const redundant = list.filter((a, i) =>
          list.some((b, j) => {
            if (i === j) return false;
            if (a.value === b.value) return j < i;
            return resourceCovers(b.value, a.value) && !(resourceCovers(a.value, b.value) && j > i);
          }),
        );
        for (const r of redundant) {
          ctx.report(
            `The ${redundant.length} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)`,
            r.loc,
          );
        }
      }
    }
  },
);

export const resourceChecks: Check[] = [
  invalidArnPrefix,
  missingArnField,
  invalidArnServiceCase,
  invalidPartition,
  invalidArnAccount,
  invalidArnRegion,
  arnRegionNotAllowed,
  arnAccountNotAllowed,
  missingArnRegion,
  missingArnAccount,
  invalidArnResource,
  unsupportedResourceArnInPolicy,
  redundantResource,
];
