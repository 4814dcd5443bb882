/**
 * What the SAM oracle compares (test/cfn/sam-oracle.test.ts, bench/sam-oracle.ts): the roles, their
 * trust and inline policies, the resource policies and the managed policy ARNs a parse extracted,
 * order-free; and SAM's test inputs made SAM templates (SAM's tests imply the transform).
 */
import type { parseTemplate } from '../../src/sources/cfn/index.js';

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
export function oracleView(x: ReturnType<typeof parseTemplate>) {
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
export function asSam(text: string): string {
  if (/^Transform:/m.test(text)) return text;
  const line = 'Transform: AWS::Serverless-2016-10-31';
  return /^%/.test(text) ? text.replace(/^---$/m, `---\n${line}`) : `${line}\n${text}`;
}
