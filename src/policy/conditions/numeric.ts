/**
 * Numeric family: NumericEquals, NumericNotEquals, NumericLessThan(Equals), NumericGreaterThan(Equals).
 * "Numeric condition operators let you construct Condition elements that restrict access based on
 * comparing a key to an integer or decimal value."
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric
 */
import { orderedWitnesses, plainDecimal } from './ordered.js';

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** An integer or decimal ("comparing a key to an integer or decimal value"); undefined otherwise. */
export function parseNumeric(value: string | number | boolean): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !NUMERIC.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Request values covering every class numeric comparisons with these constants tell apart: each
 * constant, one number below, between and above them, and a value that is not a number (which no
 * numeric operator, positive or negated, matches).
 */
export function numericWitnesses(constants: readonly number[]): string[] {
  return [...orderedWitnesses(constants, parseNumeric, (x) => [plainDecimal(x)]), NOT_A_NUMBER];
}

export const NOT_A_NUMBER = 'not-a-number';
