/**
 * String and ARN families: the witness material a finite abstraction needs for pattern operators.
 * Matching itself is src/policy/wildcard.ts (`*`, `?`, ARN components) over the parts of
 * src/policy/variables.ts (`${*}`, `${?}`, `${$}` are literal characters in Version 2012-10-17),
 * so a pattern's regular expression is built from the same parts the evaluator matches.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
import type { RequestContext } from '../context.js';
import { parseTemplate } from '../variables.js';
import { escapeRegex, type GlobPart, globRegexSource } from '../wildcard.js';

/** A regular expression (the small dialect `globRegexSource` emits, unanchored) and its case rule. */
export interface StringPattern {
  source: string;
  ignoreCase: boolean;
}

export type PatternMode = 'literal' | 'glob' | 'arn' | 'arnStrict';

const NO_CONTEXT: RequestContext = { get: () => undefined };

/**
 * The pattern of a policy string without request-dependent variables, as the evaluator reads it:
 * `literal` (StringEquals), `glob` (StringLike, actions), `arn` (Resource), `arnStrict` (ArnLike).
 * Undefined when the text names a context key (its value depends on the request).
 */
export function stringPattern(
  text: string,
  mode: PatternMode,
  options: { variables: boolean; ignoreCase?: boolean },
): StringPattern | undefined {
  const t = parseTemplate(text, { variables: options.variables });
  if (t.dynamic) return undefined;
  const ignoreCase = options.ignoreCase ?? false;
  if (mode === 'literal') return { source: escapeRegex(t.resolve(NO_CONTEXT)!), ignoreCase };
  return { source: globRegexSource(t.parts(NO_CONTEXT)!, mode !== 'glob', mode === 'arnStrict'), ignoreCase };
}

/** The value a static policy string stands for (escapes resolved), e.g. for an exact match. */
export function literalValue(text: string, variables: boolean): string | undefined {
  const t = parseTemplate(text, { variables });
  return t.dynamic ? undefined : t.resolve(NO_CONTEXT);
}

/** Readable instances of a pattern (wildcards filled in), for counterexamples that read well. */
export function patternInstances(text: string, variables: boolean, filler = 'example'): string[] {
  const t = parseTemplate(text, { variables });
  if (t.dynamic) return [];
  const parts: readonly GlobPart[] = t.parts(NO_CONTEXT)!;
  const fill = (star: string) =>
    parts
      .map((p) => (typeof p === 'string' ? p.replace(/\*/g, star).replace(/\?/g, 'x') : p.literal))
      .join('');
  const a = fill(filler);
  const b = fill('');
  return a === b ? [a] : [a, b];
}
