/**
 * Bool family: "Boolean conditions let you construct Condition elements that restrict access based
 * on comparing a key to true or false."
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean
 */

/** `true` or `false` (JSON boolean or string, any letter case); undefined otherwise. */
export function parseBool(value: string | number | boolean): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const t = value.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** Request values covering every class of Bool: true, false, and a value that is neither. */
export function boolWitnesses(): string[] {
  return ['true', 'false', 'not-a-boolean'];
}
