/**
 * The condition operator families, once: every base operator belongs to exactly one family, and
 * `familyOf` is an exhaustive switch, so an operator added to BASE_OPERATORS without a family is
 * a compile error here, and a family added without handling is a compile error in every engine
 * that switches over FamilyName (the evaluator's comparison, the validator's value checks, the
 * reasoner's witness points).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 *
 * Per family: the value parser and witness points live in its own file (numeric.ts, date.ts,
 * bool.ts, binary.ts, ip.ts, strings.ts for String and Arn); the comparison is compile.ts.
 */
import { BASE_OPERATORS, type BaseOperator } from '../model.js';

export type FamilyName = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export const FAMILY_NAMES: readonly FamilyName[] = [
  'String',
  'Numeric',
  'Date',
  'Bool',
  'Binary',
  'IpAddress',
  'Arn',
  'Null',
];

/** The family of a base operator (qualifiers and IfExists removed). */
export function familyOf(base: BaseOperator): FamilyName {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
    case 'StringLike':
    case 'StringNotLike':
      return 'String';
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals':
      return 'Numeric';
    case 'DateEquals':
    case 'DateNotEquals':
    case 'DateLessThan':
    case 'DateLessThanEquals':
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals':
      return 'Date';
    case 'Bool':
      return 'Bool';
    case 'BinaryEquals':
      return 'Binary';
    case 'IpAddress':
    case 'NotIpAddress':
      return 'IpAddress';
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return 'Arn';
    case 'Null':
      return 'Null';
    default: {
      const unhandled: never = base;
      throw new Error(`operator without a family: ${String(unhandled)}`);
    }
  }
}

/** The base operators of each family, in the order of BASE_OPERATORS. */
export const FAMILY_OPERATORS: Readonly<Record<FamilyName, readonly BaseOperator[]>> = Object.fromEntries(
  FAMILY_NAMES.map((f) => [f, BASE_OPERATORS.filter((op) => familyOf(op) === f)]),
) as unknown as Record<FamilyName, readonly BaseOperator[]>;

/** The positive operator a negated one inverts (StringNotEquals -> StringEquals); undefined otherwise. */
export function positiveOf(base: BaseOperator): BaseOperator | undefined {
  switch (base) {
    case 'StringNotEquals':
      return 'StringEquals';
    case 'StringNotEqualsIgnoreCase':
      return 'StringEqualsIgnoreCase';
    case 'StringNotLike':
      return 'StringLike';
    case 'NumericNotEquals':
      return 'NumericEquals';
    case 'DateNotEquals':
      return 'DateEquals';
    case 'NotIpAddress':
      return 'IpAddress';
    case 'ArnNotEquals':
      return 'ArnEquals';
    case 'ArnNotLike':
      return 'ArnLike';
    default:
      return undefined;
  }
}

/** True when the operator is a negated matching operator (StringNotEquals, NotIpAddress, ...). */
export function isNegatedOperator(base: BaseOperator): boolean {
  return positiveOf(base) !== undefined;
}

/**
 * True when values of this operator may contain policy variables: the String, ARN and Bool
 * operators ("Policy variables – Supported" in each section of the operators page); Numeric,
 * Date, Binary, IP address and Null values are read literally.
 */
export function supportsVariables(base: BaseOperator): boolean {
  const f = familyOf(base);
  return f === 'String' || f === 'Arn' || f === 'Bool';
}
