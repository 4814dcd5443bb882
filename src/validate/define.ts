import type { CheckContext } from './context.js';
import type { CheckMeta, FindingType, PolicyType } from './types.js';

/** One check: its metadata (what ESLint calls `meta`) and its logic. */
export interface Check {
  meta: CheckMeta;
  run(ctx: CheckContext): void;
}

const REFERENCE =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

const TYPE_SLUG: Record<FindingType, string> = {
  ERROR: 'error',
  SECURITY_WARNING: 'security-warning',
  WARNING: 'general-warning',
  SUGGESTION: 'suggestion',
};

/** The anchor of a check on the Access Analyzer policy check reference page. */
export function referenceLink(issueCode: string, findingType: FindingType): string {
  return `${REFERENCE}#access-analyzer-reference-policy-checks-${TYPE_SLUG[findingType]}-${issueCode
    .toLowerCase()
    .replace(/_/g, '-')}`;
}

export interface CheckDefinition {
  issueCode: string;
  findingType: FindingType;
  title: string;
  description: string;
  /** Defaults to the check's anchor on the Access Analyzer reference page. */
  learnMoreLink?: string;
  policyTypes?: readonly PolicyType[];
  /** Finding details by message id (`{{name}}` placeholders filled from the report's data). */
  messages?: Record<string, string>;
}

/** Declares a check: its metadata beside its logic. */
export function defineCheck(def: CheckDefinition, run: (ctx: CheckContext) => void): Check {
  const meta: CheckMeta = {
    ...def,
    learnMoreLink: def.learnMoreLink ?? referenceLink(def.issueCode, def.findingType),
  };
  return { meta, run };
}
