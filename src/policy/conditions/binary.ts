/**
 * Binary family: "The BinaryEquals condition operator lets you construct Condition elements that
 * test key values that are in binary format. It compares the value of the specified key byte for
 * byte against a base-64 encoded representation of the binary value in the policy."
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

/** Decodes base64 into a binary string (one char per byte); undefined when not base64. */
export function parseBinary(value: string | number | boolean): string | undefined {
  if (typeof value !== 'string' || !BASE64.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('latin1');
}

/**
 * Request values covering every class BinaryEquals with these constants (decoded bytes) tells
 * apart: each constant, other bytes, and a value that is not base64.
 */
export function binaryWitnesses(constants: readonly string[]): string[] {
  const out = constants.map((c) => Buffer.from(c, 'latin1').toString('base64'));
  const taken = new Set(constants);
  const other = ['leastpriv', 'leastpriv-other', 'x'].find((s) => !taken.has(s))!;
  out.push(Buffer.from(other, 'latin1').toString('base64'), 'not base64!');
  return out;
}
