/**
 * Grammar errors the policy parser already detects, reported under Access Analyzer's issue codes.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { PolicyIssue, PolicyIssueCode } from '../../policy/issues.js';
import type { CheckContext } from '../context.js';
import { type Check, defineCheck } from '../define.js';

function lastName(issue: PolicyIssue): string | undefined {
  for (let i = issue.location.path.length - 1; i >= 0; i--) {
    const el = issue.location.path[i];
    if ('value' in el) return el.value;
  }
  return undefined;
}

function isPrincipalIssue(issue: PolicyIssue): boolean {
  return issue.location.path.some(
    (el) => 'value' in el && (el.value === 'Principal' || el.value === 'NotPrincipal'),
  );
}

function fromIssues(
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

export const jsonSyntaxError = defineCheck(
  {
    issueCode: 'JSON_SYNTAX_ERROR',
    findingType: 'ERROR',
    title: 'Json syntax error',
    description: 'The policy is not valid JSON.',
  },
  (ctx) =>
    fromIssues(ctx, ['JSON_SYNTAX'], (i) => {
      const { offset, line, column } = i.location.span.start;
      return `Fix the JSON syntax error at index ${offset} line ${line} column ${column}. (${i.message})`;
    }),
);

export const dataTypeMismatch = defineCheck(
  {
    issueCode: 'DATA_TYPE_MISMATCH',
    findingType: 'ERROR',
    title: 'Data type mismatch',
    description: 'An element has the wrong JSON data type.',
  },
  (ctx) =>
    fromIssues(ctx, ['DATA_TYPE_MISMATCH'], (i) =>
      isPrincipalIssue(i) ? undefined : `The text does not match the expected JSON data type. ${i.message}.`,
    ),
);

export const invalidPrincipalFormat = defineCheck(
  {
    issueCode: 'INVALID_PRINCIPAL_FORMAT',
    findingType: 'ERROR',
    title: 'Invalid principal format',
    description: 'The Principal element is not "*" nor a map of principal types to values.',
  },
  (ctx) =>
    fromIssues(ctx, ['DATA_TYPE_MISMATCH'], (i) =>
      isPrincipalIssue(i)
        ? 'The Principal element contents are not valid. Specify a key-value pair in the Principal element.'
        : undefined,
    ),
);

export const invalidPolicyElement = defineCheck(
  {
    issueCode: 'INVALID_POLICY_ELEMENT',
    findingType: 'ERROR',
    title: 'Invalid policy element',
    description: 'The policy or a statement contains an element the grammar does not define.',
  },
  (ctx) => fromIssues(ctx, ['UNSUPPORTED_ELEMENT'], (i) => `The policy element ${lastName(i)} is not valid.`),
);

export const missingStatement = defineCheck(
  {
    issueCode: 'MISSING_STATEMENT',
    findingType: 'ERROR',
    title: 'Missing statement',
    description: 'The policy has no Statement element.',
  },
  (ctx) => fromIssues(ctx, ['MISSING_STATEMENT'], () => 'Add a statement to the policy'),
);

export const missingEffect = defineCheck(
  {
    issueCode: 'MISSING_EFFECT',
    findingType: 'ERROR',
    title: 'Missing effect',
    description: 'A statement has no Effect element.',
  },
  (ctx) =>
    fromIssues(
      ctx,
      ['MISSING_EFFECT'],
      () => 'Add an Effect element to the policy statement with a value of Allow or Deny.',
    ),
);

export const invalidEffect = defineCheck(
  {
    issueCode: 'INVALID_EFFECT',
    findingType: 'ERROR',
    title: 'Invalid effect',
    description: 'The Effect is neither Allow nor Deny.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_EFFECT'], (i) => {
      const m = /"([^"]*)"/.exec(i.message);
      return `The effect ${m ? m[1] : ''} is not valid. Use Allow or Deny.`;
    }),
);

export const missingAction = defineCheck(
  {
    issueCode: 'MISSING_ACTION',
    findingType: 'ERROR',
    title: 'Missing action',
    description: 'A statement has neither Action nor NotAction.',
  },
  (ctx) =>
    fromIssues(ctx, ['MISSING_ACTION'], () => 'Add an Action or NotAction element to the policy statement.'),
);

export const unsupportedElementCombination = defineCheck(
  {
    issueCode: 'UNSUPPORTED_ELEMENT_COMBINATION',
    findingType: 'ERROR',
    title: 'Unsupported element combination',
    description:
      'A statement uses two mutually exclusive elements (Action/NotAction, Resource/NotResource, Principal/NotPrincipal).',
  },
  (ctx) =>
    fromIssues(ctx, ['MUTUALLY_EXCLUSIVE_ELEMENTS'], (i) => {
      const b = lastName(i) ?? '';
      const a = b.replace(/^Not/, '');
      return `The policy elements ${a} and ${b} can not be used in the same statement. Remove one of these elements.`;
    }),
);

export const invalidVersion = defineCheck(
  {
    issueCode: 'INVALID_VERSION',
    findingType: 'ERROR',
    title: 'Invalid version',
    description: 'The Version is not a policy language version.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_VERSION'], (i) => {
      const m = /"([^"]*)"/.exec(i.message);
      return `The version ${m ? m[1] : ''} is not valid. Use one of the following versions: 2012-10-17, 2008-10-17`;
    }),
);

export const invalidPrincipalKey = defineCheck(
  {
    issueCode: 'INVALID_PRINCIPAL_KEY',
    findingType: 'ERROR',
    title: 'Invalid principal key',
    description: 'A Principal map uses a key other than AWS, Service, Federated or CanonicalUser.',
  },
  (ctx) =>
    fromIssues(ctx, ['UNSUPPORTED_PRINCIPAL_TYPE'], (i) => `The principal key ${lastName(i)} is not valid.`),
);

function isNullIfExists(name: string | undefined): boolean {
  return name !== undefined && /^(ForAllValues:|ForAnyValue:)?NullIfExists$/.test(name);
}

export const invalidConditionOperator = defineCheck(
  {
    issueCode: 'INVALID_CONDITION_OPERATOR',
    findingType: 'ERROR',
    title: 'Invalid condition operator',
    description: 'A Condition block uses an operator the policy language does not define.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_OPERATOR'], (i) => {
      const op = lastName(i);
      return isNullIfExists(op)
        ? undefined
        : `The condition operator ${op} is not valid. Use a valid condition operator.`;
    }),
);

export const nullWithIfExists = defineCheck(
  {
    issueCode: 'NULL_WITH_IF_EXISTS',
    findingType: 'ERROR',
    title: 'Null with if exists',
    description: 'The Null operator cannot take the IfExists suffix.',
  },
  (ctx) =>
    fromIssues(ctx, ['INVALID_OPERATOR'], (i) =>
      isNullIfExists(lastName(i))
        ? 'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.'
        : undefined,
    ),
);

export const grammarChecks: Check[] = [
  jsonSyntaxError,
  dataTypeMismatch,
  invalidPrincipalFormat,
  invalidPolicyElement,
  missingStatement,
  missingEffect,
  invalidEffect,
  missingAction,
  unsupportedElementCombination,
  invalidVersion,
  invalidPrincipalKey,
  invalidConditionOperator,
  nullWithIfExists,
];
