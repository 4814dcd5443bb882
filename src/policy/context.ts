/**
 * The request context: condition keys and their values. Key names are case-insensitive,
 * values keep their case (the operator decides how to compare).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
export type ContextScalar = string | number | boolean;
export type ContextInput = Record<string, ContextScalar | readonly ContextScalar[]>;

export interface ContextEntry {
  /** The key as the caller spelled it. */
  key: string;
  /** Values rendered as strings (booleans as "true"/"false", numbers in decimal). */
  values: readonly string[];
  /** True when supplied as an array: a multivalued key (possibly empty). */
  multi: boolean;
}

export interface RequestContext {
  /** The entry for a lowercased key name, or undefined when the key is absent. */
  get(keyLower: string): ContextEntry | undefined;
}

export class Context implements RequestContext {
  private readonly entries = new Map<string, ContextEntry>();

  constructor(input: ContextInput = {}) {
    for (const [key, raw] of Object.entries(input)) this.set(key, raw);
  }

  set(key: string, raw: ContextScalar | readonly ContextScalar[]): this {
    const multi = Array.isArray(raw);
    const list = (multi ? raw : [raw]) as readonly ContextScalar[];
    this.entries.set(key.toLowerCase(), { key, values: list.map(String), multi });
    return this;
  }

  has(key: string): boolean {
    return this.entries.has(key.toLowerCase());
  }

  get(keyLower: string): ContextEntry | undefined {
    return this.entries.get(keyLower);
  }

  /** Entries in insertion order. */
  all(): ContextEntry[] {
    return [...this.entries.values()];
  }

  toJSON(): Record<string, string | readonly string[]> {
    const out: Record<string, string | readonly string[]> = {};
    for (const e of this.entries.values()) out[e.key] = e.multi ? e.values : e.values[0];
    return out;
  }
}
