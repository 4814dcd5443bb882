/**
 * Offline IAM policy validation with IAM Access Analyzer's checks, issue codes and finding types.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 *
 * validatePolicy(doc, issues, options) runs every check that applies to the policy type and
 * returns findings located at the element they are about, in document order.
 */
import type { PolicyIssue } from '../policy/issues.js';
import type { PolicyDocument } from '../policy/model.js';
import { parsePolicy } from '../policy/parse.js';
import { CheckContext } from './context.js';
import { CHECKS } from './registry.js';
import type { Finding, ValidateOptions } from './types.js';

export { CHECKS, checkCatalog, checkMeta } from './registry.js';
export * from './types.js';

const TYPE_ORDER = { ERROR: 0, SECURITY_WARNING: 1, WARNING: 2, SUGGESTION: 3 } as const;

export function validatePolicy(
  doc: PolicyDocument | undefined,
  issues: PolicyIssue[],
  options: ValidateOptions,
  /** Told before each check runs (checks done, checks in all), for a progress line on long inputs. */
  progress?: (done: number, total: number) => void,
): Finding[] {
  const ctx = new CheckContext({ doc, issues, options });
  for (const [i, check] of CHECKS.entries()) {
    progress?.(i, CHECKS.length);
    if (check.meta.policyTypes && !check.meta.policyTypes.includes(options.policyType)) continue;
    // Unusable JSON: only the grammar checks have something to say.
    if (!doc && check.meta.findingType !== 'ERROR') continue;
    ctx.meta = check.meta;
    check.run(ctx);
  }
  return ctx.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => {
      const pa = a.f.locations[0]?.span.start.offset ?? 0;
      const pb = b.f.locations[0]?.span.start.offset ?? 0;
      return pa - pb || TYPE_ORDER[a.f.findingType] - TYPE_ORDER[b.f.findingType] || a.i - b.i;
    })
    .map((x) => x.f);
}

export function validatePolicyText(text: string, options: ValidateOptions & { file?: string }): Finding[] {
  const { policy, issues } = parsePolicy(text, { file: options.file });
  return validatePolicy(policy, issues, options);
}
