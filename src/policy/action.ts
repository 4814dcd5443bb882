/**
 * Action matching. The service prefix and the action name are both case-insensitive, and `*`
 * and `?` wildcards may appear anywhere.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
import { compileGlob, type Matcher } from './wildcard.js';

/** Compiles one Action/NotAction entry into a matcher over lowercased request actions. */
export function compileActionPattern(pattern: string): Matcher {
  return compileGlob(pattern.toLowerCase());
}

/**
 * Compiles a list of action patterns: exact names go to a set, wildcard patterns to matchers.
 * The returned function expects the request action already lowercased.
 */
export function compileActionList(patterns: readonly string[]): Matcher {
  const exact = new Set<string>();
  const globs: Matcher[] = [];
  for (const p of patterns) {
    const lower = p.toLowerCase();
    if (lower === '*') return () => true;
    if (lower.includes('*') || lower.includes('?')) globs.push(compileGlob(lower));
    else exact.add(lower);
  }
  if (globs.length === 0) return (a) => exact.has(a);
  return (a) => {
    if (exact.has(a)) return true;
    for (const g of globs) if (g(a)) return true;
    return false;
  };
}

/** Splits `service:Action` into its two parts; undefined when there is no colon. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  const i = action.indexOf(':');
  if (i <= 0) return undefined;
  return { service: action.slice(0, i), name: action.slice(i + 1) };
}
