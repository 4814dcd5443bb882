import { resolveResourceType } from '../catalog/resource-types.js';
import { formatIssues, PolicyParseError } from '../policy/issues.js';

/** An input problem the user must fix: printed as-is (already located), never as a stack trace. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Turns any error a command raised into the message to print; unexpected errors keep a short form. */
export function describeError(error: unknown): string {
  if (error instanceof PolicyParseError) return formatIssues(error.issues, error.file);
  if (error instanceof InputError) return error.message;
  if (error instanceof Error) {
    const sys = error as NodeJS.ErrnoException;
    if (sys.code === 'ENOENT' && sys.path) return `${sys.path}: no such file or directory`;
    if (sys.code === 'EISDIR' && sys.path) return `${sys.path}: is a directory`;
    if (sys.code === 'EACCES' && sys.path) return `${sys.path}: permission denied`;
    return `internal error: ${error.message}`;
  }
  return `internal error: ${String(error)}`;
}

/**
 * Checks a `--resource-type` value against the catalog's resource types (the same for every
 * command): anything else, a miscapitalized name included (AWS's type names are
 * case-sensitive), is unusable input, with the nearest known name when there is one.
 */
export function checkResourceType(value: string | undefined, flag = '--resource-type'): void {
  if (value === undefined) return;
  const resolved = resolveResourceType(value);
  if (!resolved.ok) throw new InputError(`${flag}: ${resolved.message}`);
}

/**
 * The value of an option whose values are a closed set of names (formats, policy types, finding
 * types), matched ignoring case: the names cannot collide by case, and cfn-policy-validator, whose
 * flags pipelines copy, upper-cases its finding types too. Returns the canonical spelling.
 */
export function oneOf<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const found = choices.find((c) => c.toLowerCase() === value.trim().toLowerCase());
  if (found === undefined) {
    const names = `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
    throw new InputError(`${flag} must be ${names}, not "${value}"`);
  }
  return found;
}
