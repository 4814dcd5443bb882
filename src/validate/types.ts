/**
 * Validator types, in the shape of IAM Access Analyzer's ValidatePolicy API:
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicy.html
 * https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicyFinding.html
 */
import type { PolicyIssue } from '../policy/issues.js';
import type { Location } from '../policy/location.js';
import type { PolicyDocument } from '../policy/model.js';

export type PolicyType =
  | 'IDENTITY_POLICY'
  | 'RESOURCE_POLICY'
  | 'SERVICE_CONTROL_POLICY'
  | 'RESOURCE_CONTROL_POLICY';

export const POLICY_TYPES: readonly PolicyType[] = [
  'IDENTITY_POLICY',
  'RESOURCE_POLICY',
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

export const FINDING_TYPES: readonly FindingType[] = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];

export interface Finding {
  findingType: FindingType;
  issueCode: string;
  findingDetails: string;
  learnMoreLink: string;
  locations: Location[];
}

export interface ValidateOptions {
  policyType: PolicyType;
  /** For RESOURCE_POLICY: the resource the policy is attached to, e.g. `AWS::S3::Bucket`. */
  resourceType?: string;
}

/** The trust policy of an IAM role, validated as Access Analyzer does: a resource policy of this type. */
export { TRUST_POLICY_RESOURCE_TYPE } from '../catalog/resource-types.js';

/** Metadata of one check: what ESLint calls `meta`. */
export interface CheckMeta {
  /** Access Analyzer's issue code (or an `LP_` code for leastpriv's own checks). */
  issueCode: string;
  findingType: FindingType;
  /** The title in the Access Analyzer check reference, e.g. `Invalid action`. */
  title: string;
  /** One-line description for reports and SARIF rule help. */
  description: string;
  learnMoreLink: string;
  /** Policy types the check applies to (all when absent). */
  policyTypes?: readonly PolicyType[];
  /**
   * The check's finding details by message id, as ESLint rules declare them: `{{name}}` is
   * replaced by the report's `data.name`. Checks whose wording is built elsewhere report text.
   */
  messages?: Readonly<Record<string, string>>;
}

/** A report by message id: the template of `meta.messages[messageId]` filled with `data`. */
export interface MessageRef {
  messageId: string;
  /** Placeholder values, written as a template literal writes them (`String(value)`). */
  data?: Readonly<Record<string, unknown>>;
}

/** What a check sees: the document (when it parsed), the parser's issues and the options. */
export interface CheckInput {
  doc?: PolicyDocument;
  issues: readonly PolicyIssue[];
  options: ValidateOptions;
}
