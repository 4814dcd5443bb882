/**
 * The policy document model. Every element keeps its source location so that engines can
 * point findings and explanations at the text the user wrote.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Located, Location } from './location.js';

export type Effect = 'Allow' | 'Deny';

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';

export interface PrincipalEntry {
  type: PrincipalType;
  value: Located<string>;
}

/** `"Principal": "*"` is `{ wildcard: true }`; a map is a list of typed entries. */
export type PrincipalBlock =
  | { wildcard: true; loc: Location }
  | { wildcard: false; entries: PrincipalEntry[]; loc: Location };

export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

export type BaseOperator = (typeof BASE_OPERATORS)[number];

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** A condition operator split into its parts, e.g. `ForAnyValue:StringLikeIfExists`. */
export interface ConditionOperator {
  /** The text as written in the policy. */
  text: string;
  base: BaseOperator;
  ifExists: boolean;
  qualifier?: SetQualifier;
}

/** A condition value as written: JSON string, number or boolean. */
export type ConditionValue = string | number | boolean;

/** One key of one operator of a Condition block: `"StringEquals": {"aws:username": ["a", "b"]}`. */
export interface ConditionEntry {
  operator: ConditionOperator;
  /** Location of the operator member name (e.g. `StringEquals`). */
  operatorLoc: Location;
  /** The key as written (case preserved); compare with `keyLower`. */
  key: Located<string>;
  keyLower: string;
  values: Located<ConditionValue>[];
  /** True when the values were written as a JSON array. */
  valuesIsArray: boolean;
}

export interface Statement {
  /** Position in the Statement array (0 when Statement is a single object). */
  index: number;
  sid?: Located<string>;
  effect: Located<Effect>;
  action?: Located<string>[];
  notAction?: Located<string>[];
  resource?: Located<string>[];
  notResource?: Located<string>[];
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  /** Flattened condition block, in document order. */
  conditions: ConditionEntry[];
  /** Location of the Condition element itself, when present. */
  conditionLoc?: Location;
  loc: Location;
}

export type PolicyVersion = '2012-10-17' | '2008-10-17';

export interface PolicyDocument {
  /** Version as written (undefined when absent: AWS then uses 2008-10-17 semantics). */
  version?: Located<string>;
  id?: Located<string>;
  statements: Statement[];
  /** False when `Statement` was a single object rather than an array. */
  statementIsArray: boolean;
  loc: Location;
  /** Original text, kept for size checks and reports. */
  text: string;
  /** File the policy came from, when it came from a file. */
  file?: string;
}

/** True when policy variables are substituted: only in Version 2012-10-17. */
export function supportsPolicyVariables(doc: PolicyDocument): boolean {
  return doc.version?.value === '2012-10-17';
}
