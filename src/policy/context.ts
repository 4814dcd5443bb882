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
    for (const key in input) this.set(key, input[key]);
  }

  set(key: string, raw: ContextScalar | readonly ContextScalar[]): this {
    let entry: ContextEntry;
    if (typeof raw === 'string') entry = { key, values: [raw], multi: false };
    else if (Array.isArray(raw)) entry = { key, values: raw.map(String), multi: true };
    else entry = { key, values: [String(raw)], multi: false };
    this.entries.set(key.toLowerCase(), entry);
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

// Context key names repeat from request to request (JSON.parse hands out the same key strings):
// each spelling is lowercased once.
const lowered = new Map<string, string>();

function lowerKey(key: string): string {
  let l = lowered.get(key);
  if (l === undefined) {
    if (lowered.size >= 10_000) lowered.clear();
    l = key.toLowerCase();
    lowered.set(key, l);
  }
  return l;
}

function entryOf(key: string, raw: ContextScalar | readonly ContextScalar[]): ContextEntry {
  if (typeof raw === 'string') return { key, values: [raw], multi: false };
  if (Array.isArray(raw)) return { key, values: raw.map(String), multi: true };
  return { key, values: [String(raw)], multi: false };
}

/**
 * A request's own keys over a shared set of defaults (e.g. the keys derived from the principal).
 * The request's keys are indexed only when first read, an entry is made only for a key that is
 * read, and the defaults are never copied. Like `Context`, the last of several spellings of one
 * key wins.
 */
export class LayeredContext implements RequestContext {
  /** The request's key names as given, and lowercased, at the same positions. */
  private names: string[] | undefined;
  private lower: string[] | undefined;
  private entries: Array<ContextEntry | undefined> | undefined;

  constructor(
    private readonly input: ContextInput | undefined,
    private readonly defaults: ReadonlyMap<string, ContextEntry>,
  ) {}

  get(keyLower: string): ContextEntry | undefined {
    const input = this.input;
    if (input !== undefined) {
      let lower = this.lower;
      if (lower === undefined) {
        const names: string[] = [];
        lower = [];
        for (const key in input) {
          names.push(key);
          lower.push(lowerKey(key));
        }
        this.names = names;
        this.lower = lower;
      }
      for (let i = lower.length - 1; i >= 0; i--) {
        if (lower[i] !== keyLower) continue;
        this.entries ??= [];
        let e = this.entries[i];
        if (e === undefined) {
          const key = this.names![i];
          e = entryOf(key, input[key]);
          this.entries[i] = e;
        }
        return e;
      }
    }
    return this.defaults.get(keyLower);
  }

  toJSON(): Record<string, string | readonly string[]> {
    const out: Record<string, string | readonly string[]> = {};
    const own = new Context(this.input ?? {});
    for (const [lower, e] of this.defaults)
      if (!own.get(lower)) out[e.key] = e.multi ? e.values : e.values[0];
    return { ...out, ...own.toJSON() };
  }
}
