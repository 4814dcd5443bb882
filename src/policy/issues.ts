import { formatPath, type Location } from './location.js';

/**
 * A structural problem in a policy document: what AWS itself would reject as a malformed
 * policy. Structured so that the validator can turn each into an Access Analyzer ERROR
 * finding and the CLI can print `file:line:column`.
 */
export interface PolicyIssue {
  /** Stable machine code, e.g. `INVALID_EFFECT`, `UNSUPPORTED_ELEMENT`, `JSON_SYNTAX`. */
  code: PolicyIssueCode;
  message: string;
  location: Location;
  /** Other places the issue involves (e.g. the first of two members with the same name). */
  related?: Location[];
}

export type PolicyIssueCode =
  | 'JSON_SYNTAX'
  | 'DATA_TYPE_MISMATCH'
  | 'UNSUPPORTED_ELEMENT'
  | 'MISSING_STATEMENT'
  | 'MISSING_EFFECT'
  | 'INVALID_EFFECT'
  | 'MISSING_ACTION'
  | 'MISSING_PRINCIPAL'
  | 'MUTUALLY_EXCLUSIVE_ELEMENTS'
  | 'INVALID_VERSION'
  | 'UNSUPPORTED_PRINCIPAL_TYPE'
  | 'INVALID_OPERATOR'
  | 'EMPTY_ARRAY'
  | 'EMPTY_OBJECT'
  | 'DUPLICATE_MEMBER';

/** Thrown by the strict entry points: carries every issue found, each located. */
export class PolicyParseError extends Error {
  readonly issues: PolicyIssue[];
  readonly file?: string;

  constructor(issues: PolicyIssue[], file?: string) {
    super(formatIssues(issues, file));
    this.name = 'PolicyParseError';
    this.issues = issues;
    this.file = file;
  }
}

/** `file:line:column: message (at JSON path)`, one line per issue; columns printed 1-based. */
export function formatIssue(issue: PolicyIssue, file?: string): string {
  const { line, column } = issue.location.span.start;
  const where = `${file ?? '<input>'}:${line}:${column + 1}`;
  return `${where}: ${issue.message} (at ${formatPath(issue.location.path)})`;
}

export function formatIssues(issues: readonly PolicyIssue[], file?: string): string {
  return issues.map((i) => formatIssue(i, file)).join('\n');
}
