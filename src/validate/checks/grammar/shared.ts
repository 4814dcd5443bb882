/**
 * Grammar errors the policy parser already detects, reported under Access Analyzer's issue codes.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { PolicyIssue, PolicyIssueCode } from '../../../policy/issues.js';
import type { CheckContext } from '../../context.js';

export function lastName(issue: PolicyIssue): string | undefined {
  for (let i = issue.location.path.length - 1; i >= 0; i--) {
    const el = issue.location.path[i];
    if ('value' in el) return el.value;
  }
  return undefined;
}

export function isPrincipalIssue(issue: PolicyIssue): boolean {
  return issue.location.path.some(
    (el) => 'value' in el && (el.value === 'Principal' || el.value === 'NotPrincipal'),
  );
}

export function fromIssues(
  ctx: CheckContext,
  codes: readonly PolicyIssueCode[],
  details: (issue: PolicyIssue) => string | undefined,
): void {
  for (const issue of ctx.issues) {
    if (!codes.includes(issue.code)) continue;
    const d = details(issue);
    if (d !== undefined) ctx.report(d, issue.location);
  }
}

export function isNullIfExists(name: string | undefined): boolean {
  return name !== undefined && /^(ForAllValues:|ForAnyValue:)?NullIfExists$/.test(name);
}
